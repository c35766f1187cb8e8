// The car's answer to one sequence from the rig's sense inputs: each role of the pattern from
// its own input, or decoded from the indicator input's flashes, fed to a ConfirmationDetector.
#pragma once

#include "rig/core/confirmation.hpp"
#include "rig/core/indicator.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace fobrig {

class ConfirmationWatch {
public:
    // The window opens at `from`, the instant of the action named `after`.
    ConfirmationWatch(const Procedure& procedure, const Rig& rig, const Confirmation& confirm,
                      Instant from, std::string after);

    // Watches again, for a window opening at `from`: a watch made before a run serves each of
    // its presses without allocating.
    void restart(Instant from);
    void feed(const InputEdge& edge);
    // Decides a burst of flashes whose gap has passed by `now`.
    void settle(Instant now);
    bool complete() const { return detector_.complete(); }
    // When to look again: the window's end, or the decision on a burst that began inside it
    // (an answer stamped inside the window counts even if it is known only after it).
    Instant next_look() const;
    // Kept here, valid until the next call: asking allocates nothing (text_append.hpp).
    const ConfirmationResult& result() const;

private:
    void answered(const IndicatorAnswer& answer);

    std::map<std::string, std::size_t> decoded_; // role -> the detector's input for it
    ConfirmationDetector detector_;
    std::optional<IndicatorDecoder> decoder_;
    std::size_t indicator_input_ = 0;
    // Bursts of flashes inside the window that mean nothing, as many as a window may take
    // without allocating (unknown_capacity); any more are not told.
    std::vector<IndicatorAnswer> unknown_answers_;
    mutable ConfirmationResult result_;
};

} // namespace fobrig
