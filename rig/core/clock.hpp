// The clock the engine reads and sleeps on; injected so that tests run in virtual time.
#pragma once

#include "rig/core/time.hpp"

namespace fobrig {

class Clock {
public:
    virtual ~Clock() = default;
    virtual Instant now() = 0;
    // Returns at or after `deadline`; a virtual clock jumps there.
    virtual void sleep_until(Instant deadline) = 0;
};

} // namespace fobrig
