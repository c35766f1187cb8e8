// Whether the run thread may have real-time scheduling: this process's RLIMIT_RTPRIO, and what
// the installed systemd unit grants fobrigd (LimitRTPRIO, LimitMEMLOCK, AmbientCapabilities).
#pragma once

#include "rig/doctor/doctor_check.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace fobrig {

// What fobrigd.service says about privileges, after its drop-ins.
struct UnitSettings {
    std::filesystem::path file;
    std::string user;                      // User=, "" for root
    std::optional<unsigned long> rtprio;   // LimitRTPRIO=, none when unset; "infinity" is max
    bool memlock_unlimited = false;        // LimitMEMLOCK=infinity
    std::vector<std::string> capabilities; // AmbientCapabilities=
};

// The unit where systemd looks for it under `root` ("/"; a fake tree in tests): /etc, /run,
// /usr/local/lib, /lib and /usr/lib's systemd/system, the first found, then the drop-ins
// (fobrigd.service.d/*.conf) of every one of those folders in file name order. Nothing when
// no unit is installed.
std::optional<UnitSettings> read_unit(const std::filesystem::path& root,
                                      const std::string& name = "fobrigd.service");

// SCHED_FIFO at `priority` needs LimitRTPRIO of at least it or CAP_SYS_NICE; mlockall needs
// LimitMEMLOCK=infinity or CAP_IPC_LOCK. Without them fobrigd runs with a warning in each
// run's record: a warning here. No unit at all: a warning too.
DoctorCheck unit_check(const std::optional<UnitSettings>& unit, int priority);

// RLIMIT_RTPRIO of this process (what a `--local` run, wiring-check or a fobrigd started from
// this shell gets): ok when it reaches `priority` or the process is root; else a warning, or
// ok when an installed unit gives fobrigd its own.
DoctorCheck rtprio_check(unsigned long soft_limit, bool root, int priority, bool unit_installed);

} // namespace fobrig
