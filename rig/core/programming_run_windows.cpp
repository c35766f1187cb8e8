#include "rig/core/programming_run_windows.hpp"

#include "rig/core/procedure_events.hpp"

#include <set>

namespace fobrig {

std::string note_event(const Procedure& procedure, AttemptState& state, const std::string& event,
                       Instant at) {
    std::string broken;
    for (const Window& window : procedure.windows) {
        const auto opened = state.events.find(window.from);
        if (window.to != event || opened == state.events.end() || !broken.empty()) {
            continue;
        }
        const Duration gap = at - opened->second;
        if (gap > window.max || (window.min && gap < *window.min)) {
            broken = event_text(procedure, window.to) + " came " + duration_text(gap) + " after " +
                     event_text(procedure, window.from) + "; the car wants " + window_text(window);
        }
    }
    state.events[event] = at;
    return broken;
}

std::string note_actions(const Procedure& procedure, const RunRecord& record, std::size_t since,
                         const Step& step, int slot, AttemptState& state) {
    std::set<std::string> noted;
    std::string broken;
    for (std::size_t i = since; i < record.commanded.size(); ++i) {
        const CommandedEdge& edge = record.commanded[i];
        if (edge.step_id != step.id || edge.slot != slot || edge.forced ||
            !noted.insert(edge.action).second) {
            continue;
        }
        const std::string reason =
            note_event(procedure, state, event_name(step.id, edge.action), edge.actual);
        if (broken.empty()) {
            broken = reason;
        }
    }
    return broken;
}

} // namespace fobrig
