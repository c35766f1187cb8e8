// How fobrig reaches fobrigd, and how it prints what comes back.
#pragma once

#include "rig/cli/run_source.hpp"

#include <filesystem>

namespace fobrig {

struct ClientOptions {
    std::filesystem::path socket = "/run/fobrig/fobrig.sock";
    bool json = false;
    RunPlace history; // for runs, show and export: read there instead of asking fobrigd
};

} // namespace fobrig
