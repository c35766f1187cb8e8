// `fobrig doctor`: every check, in the order a person setting up a Pi works through them, read
// from this machine (or from a fake tree under `root`, for tests). Needs no daemon.
#pragma once

#include "rig/doctor/doctor_check.hpp"

#include <filesystem>
#include <optional>
#include <vector>

namespace fobrig {

struct DoctorOptions {
    std::filesystem::path config_file = "/etc/fobrig/fobrig.toml";
    std::filesystem::path rig_file;              // instead of the rig the config names
    std::optional<std::filesystem::path> socket; // instead of the config's socket
    std::filesystem::path rigs_dir;              // where a rig named by its name is
    std::filesystem::path root = "/";            // sys/, dev/, etc/, lib/ are read under it
};

std::vector<DoctorCheck> run_doctor(const DoctorOptions& options);

} // namespace fobrig
