// The events a procedure's [[window]] tables name, and when a run takes each to happen:
//  "STEP"        an operator step, when the rig sensed it done through its inputs: the ignition
//                turned on (ignition-on) or off (ignition-off, ignition-cycle: the key out), or
//                its ack_sense input back to inactive. A step only a person acknowledged was not
//                sensed, and a window naming it is not judged.
//  "STEP.ACTION" a sequence step's action, when its first edge was driven (for each fob).
//  "STEP.answer" when the car's answer to a sequence step was complete.
#pragma once

#include "rig/core/procedure.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace fobrig {

inline constexpr std::string_view answer_event = "answer";

struct EventRef {
    std::size_t step = 0; // index into Procedure::steps
    // Empty: the operator step itself; answer_event: the car's answer. A view into the name
    // find_event() was given.
    std::string_view action;
};

// "STEP.ACTION" in its parts; no action for "STEP" alone.
struct EventParts {
    std::string_view step;
    std::optional<std::string_view> action;
};
EventParts event_parts(std::string_view event);

// The step and action `event` names, or none when the procedure has no such event.
std::optional<EventRef> find_event(const Procedure& procedure, std::string_view event);

// An event in a mechanic's words: "Turn the ignition off" (an operator step's title), "press
// of Press lock", "the car's answer to Press lock".
std::string event_text(const Procedure& procedure, std::string_view event);
// The same appended to `text` (see text_append.hpp).
void append_event_text(std::string& text, const Procedure& procedure, std::string_view event);

// The car's window in words: "1 to 4 s", or "under 4 s" without a minimum.
std::string window_text(const Window& window);

} // namespace fobrig
