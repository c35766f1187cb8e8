// Instants on a test's timeline, which starts at zero.
#pragma once

#include "rig/core/time.hpp"

namespace fobrig::testing {

inline Instant at_us(int us) {
    return Instant{} + microseconds(us);
}

} // namespace fobrig::testing
