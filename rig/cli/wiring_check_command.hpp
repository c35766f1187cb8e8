// `fobrig wiring-check --rig FILE`: closes each output of a real rig briefly and reports what
// the kernel read back and which car signals answered; never while a run is going.
#pragma once

#include "rig/cli/remote_commands.hpp"

#include <filesystem>

namespace fobrig {

int wiring_check_command(const ClientOptions& client, const std::filesystem::path& rig_file,
                         Duration pulse);

} // namespace fobrig
