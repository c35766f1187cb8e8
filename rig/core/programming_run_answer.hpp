// The car's answer, watched and judged: after a sequence's press, and after an operator step
// done (Ford: the locks cycle to say programming mode). Internal to programming_run*.
#pragma once

#include "rig/core/confirmation_watch.hpp"
#include "rig/core/programming_run_state.hpp"

namespace fobrig {

// Waits until the watch has the answer or its window (and a burst of flashes begun in it) is
// over; false when the run was aborted.
bool await_answer(Sequencer& sequencer, ConfirmationWatch& watch);

// The answer to the operator step just done, from the step's end (state.last_end). Its check is
// recorded without a slot; an answer not given stops the attempt.
Flow await_operator_answer(RunContext& run, int attempt, const Step& step,
                           const Confirmation& confirm, AttemptState& state);

} // namespace fobrig
