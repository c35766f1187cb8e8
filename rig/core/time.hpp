// Instants and durations on the rig's one timeline: CLOCK_MONOTONIC in nanoseconds,
// the clock the kernel stamps GPIO edges with. Virtual clocks count on the same scale.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace fobrig {

struct MonotonicTimeline {
    using rep = std::int64_t;
    using period = std::nano;
    using duration = std::chrono::nanoseconds;
    using time_point = std::chrono::time_point<MonotonicTimeline>;
    static constexpr bool is_steady = true;
};

using Duration = std::chrono::nanoseconds;
using Instant = MonotonicTimeline::time_point;

using std::chrono::microseconds;
using std::chrono::milliseconds;
using std::chrono::seconds;

// Seconds with one decimal, as a mechanic reads them ("6.2").
double to_seconds(Duration d);
// "6.2 s", "3 s": one decimal at most.
std::string duration_text(Duration d);
// For a switch's latency or a margin: "6 ms", "0.02 ms", "8002 ms".
std::string ms_precise_text(Duration d);

} // namespace fobrig
