#include "rig/core/confirmation.hpp"

#include <algorithm>

namespace fobrig {

ConfirmationDetector::ConfirmationDetector(std::vector<std::size_t> inputs,
                                           std::vector<std::string> names, Instant from,
                                           Duration within, std::string after)
    : inputs_(std::move(inputs)), names_(std::move(names)), from_(from), within_(within),
      after_(std::move(after)) {}

void ConfirmationDetector::feed(const InputEdge& edge) {
    // Only a signal turning active counts; edges outside the window are not the car's answer.
    if (!edge.active || complete() || edge.at < from_ || edge.at > deadline()) {
        return;
    }
    if (edge.input == inputs_[next_]) {
        ++next_;
        if (complete()) {
            completed_at_ = edge.at;
        }
        return;
    }
    const auto it = std::find(inputs_.begin(), inputs_.end(), edge.input);
    if (it != inputs_.end()) {
        out_of_order_.push_back(names_[static_cast<std::size_t>(it - inputs_.begin())]);
    }
}

std::string ConfirmationDetector::pattern_text() const {
    std::string text;
    for (const auto& name : names_) {
        text += (text.empty() ? "" : "-") + name;
    }
    return names_.size() > 1 ? text + " cycle" : text + " signal";
}

ConfirmationResult ConfirmationDetector::result() const {
    if (complete()) {
        return {.confirmed = true, .latency = *completed_at_ - from_};
    }
    const std::string window = " within " + duration_text(within_) + " after " + after_;
    if (next_ == 0 && out_of_order_.empty()) {
        return {.reason = "no " + pattern_text() + window};
    }
    std::string seen;
    for (std::size_t i = 0; i < next_; ++i) {
        seen += (seen.empty() ? "" : ", then ") + names_[i];
    }
    for (const auto& name : out_of_order_) {
        seen += (seen.empty() ? "" : ", ") + name + " out of order";
    }
    return {.reason = "expected a " + pattern_text() + window + ", the car signalled only " + seen};
}

} // namespace fobrig
