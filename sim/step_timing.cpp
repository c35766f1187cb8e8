// Judging a ritual step's pace.
#include "sim/step_timing.hpp"

namespace fobrig::sim {

bool fits(Duration gap, StepPace pace, Duration tolerance) {
    return gap + tolerance >= pace.min && gap <= pace.max + tolerance;
}

std::string off_pace(const std::string& what, const std::string& after, Duration gap, StepPace pace,
                     Duration tolerance) {
    if (fits(gap, pace, tolerance)) {
        return {};
    }
    const std::string wants = pace.min > Duration{}
                                  ? duration_text(pace.min) + " to " + duration_text(pace.max)
                                  : "at most " + duration_text(pace.max);
    return what + " " + duration_text(gap) + " after " + after + "; the car wants " + wants;
}

} // namespace fobrig::sim
