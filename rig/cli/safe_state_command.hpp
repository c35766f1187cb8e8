// fobrig safe-state: every output of the rig driven inactive and given back, for the systemd
// unit's ExecStopPost= and by hand after a crash.
#pragma once

#include <filesystem>

namespace fobrig {

struct SafeStateOptions {
    std::filesystem::path rig_file;    // this rig, or
    std::filesystem::path config_file; // the rig fobrigd's config names
    std::filesystem::path rigs_dir;    // where a rig named by its name is
};

// `json`: one document on stdout instead of the terminal's lines.
int safe_state_command(const SafeStateOptions& options, bool json);

} // namespace fobrig
