// A ritual's step judged by the car against its pace: no sooner than a minimum (when the car
// wants a pause) and no later than a maximum after the step before, give or take the
// receiver's tolerance.
#pragma once

#include "rig/core/time.hpp"

#include <string>

namespace fobrig::sim {

struct StepPace {
    Duration min{};
    Duration max{};
};

bool fits(Duration gap, StepPace pace, Duration tolerance);

// Empty when `gap` fits `pace` within `tolerance`; otherwise the car's note: "the ignition
// turned off 0.6 s after the lock press; the car wants 1 to 4 s".
std::string off_pace(const std::string& what, const std::string& after, Duration gap, StepPace pace,
                     Duration tolerance);

} // namespace fobrig::sim
