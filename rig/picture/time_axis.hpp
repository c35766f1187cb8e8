// The diagram's horizontal axis: linear where things happen, with long quiet stretches (an
// operator taking 40 s to turn a key) folded into a fixed-width break, so that presses 300 ms
// apart stay readable in a run that lasts minutes.
#pragma once

#include "rig/core/time.hpp"

#include <vector>

namespace fobrig {

class TimeAxis {
public:
    struct Break {
        Duration from;
        Duration to;
        double x; // the break's left edge
    };

    // `marks`: every instant the picture shows, from the run's t0, in any order.
    TimeAxis(std::vector<Duration> marks, double left, double pixels_per_second,
             Duration longest_gap, double break_width);

    double x(Duration at) const;
    double right() const { return x(marks_.back()); }
    const std::vector<Break>& breaks() const { return breaks_; }

private:
    std::vector<Duration> marks_; // sorted, unique, never empty
    std::vector<double> xs_;      // x of each mark
    std::vector<Break> breaks_;
    double pixels_per_second_;
};

} // namespace fobrig
