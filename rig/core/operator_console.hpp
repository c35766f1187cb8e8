// The person at the rig: asked to do the manual steps, and to say when they are done.
#pragma once

#include "rig/core/procedure.hpp"
#include "rig/core/time.hpp"

#include <optional>
#include <string>

namespace fobrig {

struct OperatorPrompt {
    std::string step_id;
    std::string text;
    OperatorAction action = OperatorAction::confirm;
    Instant deadline{}; // the step's own timeout: when the rig gives up waiting
    // The car's limit the operator must meet, in words ("key out within 5 s of turning it
    // on"), or empty: shorter than the deadline, and the one that decides the step.
    std::string car_limit;
    // A counted step: how many turns it asks for, and how many the rig has counted ("5 of 8").
    int count = 0;
    int done = 0;
};

// A counted step's progress as it is shown: "5 of 8".
inline std::string count_progress(const OperatorPrompt& prompt) {
    return std::to_string(prompt.done) + " of " + std::to_string(prompt.count);
}

// The car's clock for the open prompt, once an input shows it started: the ignition turned
// on, so the key must be out by `deadline` ("key out"). Without a deadline: the limit was met.
struct CarClock {
    std::string step_id;
    std::string what; // "key out"
    std::optional<Instant> deadline;
};

class OperatorConsole {
public:
    virtual ~OperatorConsole() = default;
    virtual void prompt(const OperatorPrompt& prompt) = 0;
    // When the operator acknowledged the current prompt, if they have.
    virtual std::optional<Instant> acknowledged() = 0;
    // The car's clock started or stopped for the open prompt: what a countdown should show.
    virtual void car_clock(const CarClock&) {}
    // The rig counted one more turn of a counted step: `prompt.done` of `prompt.count`.
    virtual void counted(const OperatorPrompt&) {}
};

} // namespace fobrig
