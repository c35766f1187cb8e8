// `fobrig calibrate --rig FILE`: presses each output that has a read-back line, prints its
// measured operate and release delays and bounce, and can write them into the rig file.
#pragma once

#include "rig/cli/client_options.hpp"

#include <filesystem>

namespace fobrig {

struct CalibrateOptions {
    std::filesystem::path rig_file;
    int presses = 20;
    bool write = false; // rewrite the rig file's latencies with the measured medians
};

// Returns the process exit code (rig/cli/exit_codes.hpp).
int calibrate_command(const ClientOptions& client, const CalibrateOptions& options);

} // namespace fobrig
