#include "rig/core/programming_run_windows.hpp"

#include "rig/core/procedure_events.hpp"
#include "rig/core/text_append.hpp"

namespace fobrig {

namespace {

// Whether `name` ("STEP" or "STEP.ACTION") names the event, without making its name.
bool names(const std::string& name, std::string_view step_id, std::string_view action) {
    if (action.empty()) {
        return name == step_id;
    }
    const std::string_view whole = name;
    return whole.size() == step_id.size() + 1 + action.size() && whole.starts_with(step_id) &&
           whole[step_id.size()] == '.' && whole.ends_with(action);
}

// The commanded edge one of the play's earlier edges already noted the action of.
bool noted_before(const RunRecord& record, std::size_t since, std::size_t i) {
    const CommandedEdge& edge = record.commanded[i];
    for (std::size_t j = since; j < i; ++j) {
        const CommandedEdge& earlier = record.commanded[j];
        if (earlier.step_id == edge.step_id && earlier.slot == edge.slot && !earlier.forced &&
            earlier.action == edge.action) {
            return true;
        }
    }
    return false;
}

} // namespace

void note_event(const Procedure& procedure, AttemptState& state, std::string_view step_id,
                std::string_view action, Instant at) {
    std::string& broken = state.failure;
    for (std::size_t i = 0; i < procedure.windows.size(); ++i) {
        const Window& window = procedure.windows[i];
        const std::optional<Instant>& opened = state.events[i];
        if (!names(window.to, step_id, action) || !opened || !broken.empty()) {
            continue;
        }
        const Duration gap = at - *opened;
        if (gap > window.max || (window.min && gap < *window.min)) {
            append_event_text(broken, procedure, window.to);
            append(broken, " came ", duration_text(gap), " after ");
            append_event_text(broken, procedure, window.from);
            append(broken, "; the car wants ", window_text(window));
        }
    }
    for (std::size_t i = 0; i < procedure.windows.size(); ++i) {
        if (names(procedure.windows[i].from, step_id, action)) {
            state.events[i] = at;
        }
    }
}

void note_actions(const Procedure& procedure, const RunRecord& record, std::size_t since,
                  const Step& step, int slot, AttemptState& state) {
    for (std::size_t i = since; i < record.commanded.size(); ++i) {
        const CommandedEdge& edge = record.commanded[i];
        if (edge.step_id != step.id || edge.slot != slot || edge.forced ||
            noted_before(record, since, i)) {
            continue;
        }
        note_event(procedure, state, step.id, edge.action, edge.actual);
    }
}

} // namespace fobrig
