// `fobrig wiring-check --rig FILE`: closes each output of a real rig briefly and reports what
// its read-back saw, then asks the operator to work the car by hand and reports which sense
// input answered; never while a run is going. `--sim` rehearses it on the simulated car.
#pragma once

#include "rig/cli/client_options.hpp"
#include "rig/core/time.hpp"

#include <filesystem>

namespace fobrig {

struct WiringCheckOptions {
    std::filesystem::path rig_file;
    Duration pulse = milliseconds(300); // each output closed this long, then left this long
    Duration time_limit = seconds(30);  // for each request to the operator
    bool prompt = true;                 // false: leave the sense inputs untried
    bool simulate = false; // a rehearsal on the simulated car and relays, in virtual time
};

// Returns the process exit code (rig/cli/exit_codes.hpp).
int wiring_check_command(const ClientOptions& client, const WiringCheckOptions& options);

} // namespace fobrig
