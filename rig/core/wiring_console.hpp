// The person at the rig during `fobrig wiring-check`: asked to work the car by hand, one request
// at a time, and free to skip one.
#pragma once

#include "rig/core/time.hpp"

#include <string>

namespace fobrig {

// One thing to do by hand: what it moves (a sense input's role: "lock", "ignition") and the
// words the operator reads.
struct WiringRequest {
    std::string role;
    std::string text;
};

class WiringConsole {
public:
    virtual ~WiringConsole() = default;
    virtual void ask(const WiringRequest& request, Instant deadline) = 0;
    // True once the operator skipped the current request.
    virtual bool skipped() = 0;
};

} // namespace fobrig
