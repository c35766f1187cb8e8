// The procedure's [[window]]s judged as a run goes: every event the rig sensed or drove is
// noted in the attempt, and an event that closes a window is judged against the one that
// opened it. Internal to programming_run*.
#pragma once

#include "rig/core/programming_run_state.hpp"

#include <string_view>

namespace fobrig {

// Notes the event of `step_id` and `action` (see rig/core/procedure_events.hpp; no action: the
// operator step itself) at `at`. When it closes a window that was broken, says why in
// state.failure, unless that already says something ("Turn the ignition off came 0.6 s after
// press of Press lock; the car wants 1 to 4 s"). A window whose opening event was not noted in
// the attempt (not sensed) is not judged. Allocates nothing (see text_append.hpp).
void note_event(const Procedure& procedure, AttemptState& state, std::string_view step_id,
                std::string_view action, Instant at);

// Notes the first edge of each action of `step` the record holds for `slot` from its
// commanded edge `since` on, as note_event() does.
void note_actions(const Procedure& procedure, const RunRecord& record, std::size_t since,
                  const Step& step, int slot, AttemptState& state);

} // namespace fobrig
