#include "rig/picture/time_axis.hpp"

#include <algorithm>

namespace fobrig {

TimeAxis::TimeAxis(std::vector<Duration> marks, double left, double pixels_per_second,
                   Duration longest_gap, double break_width)
    : marks_(std::move(marks)), pixels_per_second_(pixels_per_second) {
    marks_.push_back(Duration{0});
    std::sort(marks_.begin(), marks_.end());
    marks_.erase(std::unique(marks_.begin(), marks_.end()), marks_.end());
    xs_.push_back(left);
    for (std::size_t i = 1; i < marks_.size(); ++i) {
        const Duration gap = marks_[i] - marks_[i - 1];
        if (gap > longest_gap) {
            breaks_.push_back({marks_[i - 1], marks_[i], xs_.back()});
            xs_.push_back(xs_.back() + break_width);
        } else {
            xs_.push_back(xs_.back() + to_seconds(gap) * pixels_per_second_);
        }
    }
}

double TimeAxis::x(Duration at) const {
    // The mark at or before `at`; within a break the break's width is shared out evenly.
    const auto after = std::upper_bound(marks_.begin(), marks_.end(), at);
    if (after == marks_.begin()) {
        return xs_.front() - to_seconds(marks_.front() - at) * pixels_per_second_;
    }
    const std::size_t i = static_cast<std::size_t>(after - marks_.begin()) - 1;
    if (i + 1 == marks_.size()) {
        return xs_.back() + to_seconds(at - marks_.back()) * pixels_per_second_;
    }
    const double share = to_seconds(at - marks_[i]) / to_seconds(marks_[i + 1] - marks_[i]);
    return xs_[i] + share * (xs_[i + 1] - xs_[i]);
}

} // namespace fobrig
