#include "rig/core/procedure_events.hpp"

#include "rig/core/text_append.hpp"

#include <algorithm>

namespace fobrig {

EventParts event_parts(std::string_view event) {
    const std::size_t dot = event.find('.');
    if (dot == std::string_view::npos) {
        return {.step = event};
    }
    return {.step = event.substr(0, dot), .action = event.substr(dot + 1)};
}

std::optional<EventRef> find_event(const Procedure& procedure, std::string_view event) {
    const EventParts parts = event_parts(event);
    const auto step = std::ranges::find(procedure.steps, parts.step, &Step::id);
    if (step == procedure.steps.end()) {
        return std::nullopt;
    }
    EventRef ref{.step = static_cast<std::size_t>(step - procedure.steps.begin())};
    const auto* seq = std::get_if<SequenceStep>(&step->body);
    if (!parts.action) {
        return seq == nullptr ? std::optional(ref) : std::nullopt;
    }
    ref.action = *parts.action;
    if (seq == nullptr) {
        // An operator step's one event past its own: the car's answer to it.
        const auto& op = std::get<OperatorStep>(step->body);
        return ref.action == answer_event && op.confirm ? std::optional(ref) : std::nullopt;
    }
    if (ref.action == answer_event) {
        return seq->confirm || !seq->variants.empty() ? std::optional(ref) : std::nullopt;
    }
    // Every way the step may be played has the action.
    for (const SequenceStep& way : ways_of(*seq)) {
        if (std::ranges::find(way.actions, ref.action, &ButtonAction::name) == way.actions.end()) {
            return std::nullopt;
        }
    }
    return ref;
}

std::string event_text(const Procedure& procedure, std::string_view event) {
    std::string text;
    append_event_text(text, procedure, event);
    return text;
}

void append_event_text(std::string& text, const Procedure& procedure, std::string_view event) {
    const auto ref = find_event(procedure, event);
    if (!ref) {
        append(text, event);
        return;
    }
    const std::string& title = procedure.steps[ref->step].title;
    if (ref->action.empty()) {
        append(text, title);
    } else if (ref->action == answer_event) {
        append(text, "the car's answer to ", title);
    } else {
        append(text, ref->action, " of ", title);
    }
}

std::string window_text(const Window& window) {
    if (!window.min) {
        return "under " + duration_text(window.max);
    }
    const std::string low = duration_text(*window.min); // "1 s": the unit is said once
    return low.substr(0, low.rfind(' ')) + " to " + duration_text(window.max);
}

} // namespace fobrig
