// The daemon's own settings (/etc/fobrig/fobrig.toml): which rig, where procedures, state and
// the control socket live. Every key has a default, so no file at all serves the simulator.
#pragma once

#include "rig/config/load_result.hpp"

#include <filesystem>
#include <string>

namespace fobrig {

struct DaemonConfig {
    std::filesystem::path rig;
    std::filesystem::path procedures;
    std::filesystem::path state_dir = "/var/lib/fobrig";
    std::filesystem::path socket = "/run/fobrig/fobrig.sock";
    std::string socket_group; // empty: the daemon's own group
    std::string log_level = "info";
    int realtime_priority = 50;
    // [safety] kept_driven_outputs: "refuse" (runs on GPIO lines are refused while the kernel
    // keeps a freed output driven, or may) or "warn" (they go ahead, with a warning).
    bool refuse_kept_driven_outputs = true;
};

// Reads [daemon] and [safety] from `path` over `defaults`. A missing file is not an error when
// `must_exist` is false: the defaults stand.
LoadResult<DaemonConfig> load_daemon_config(const std::filesystem::path& path,
                                            const DaemonConfig& defaults, bool must_exist);

} // namespace fobrig
