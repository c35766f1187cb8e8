// Durations as decimal text computed in whole nanoseconds, so that a time prints the same
// digits on every platform and never picks up floating-point noise.
#pragma once

#include "rig/core/time.hpp"

#include <cstdint>
#include <string>

namespace fobrig {

// d as a whole number of `unit`, rounded half away from zero.
std::int64_t rounded_count(Duration d, Duration unit);

// d in `unit` with `decimals` digits after the point, rounded half away from zero:
// decimal_text(1'234'567ns, milliseconds{1}, 3) == "1.235". unit / 10^decimals must be at
// least a nanosecond.
std::string decimal_text(Duration d, Duration unit, int decimals);

} // namespace fobrig
