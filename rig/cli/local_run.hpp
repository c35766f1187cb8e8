// `fobrig program|verify --local`: a run in this process, on the rig file's backend, with the
// run's files written and its timing log printed.
#pragma once

#include "rig/core/programming_run.hpp"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace fobrig {

struct LocalRunOptions {
    RunMode mode = RunMode::program;
    std::string procedure; // an id from config/procedures, or a path
    std::filesystem::path rig_file;
    std::vector<int> slots; // empty: every slot of the rig
    std::map<int, std::string> labels;
    std::string key_type; // empty: the procedure's first accepted key type
    bool virtual_time = false;
    std::filesystem::path runs_dir = "runs";
    bool json = false;
    std::vector<std::string> sim_faults;
    std::string sim_car; // empty: the default simulated car
};

// Returns the process exit code (rig/cli/exit_codes.hpp).
int run_locally(const LocalRunOptions& options, const std::filesystem::path& procedures_dir);

} // namespace fobrig
