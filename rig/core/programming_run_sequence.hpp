// The presses of a sequence step, for one fob or for each, and the car's confirmation of them.
#pragma once

#include "rig/core/programming_run_state.hpp"

namespace fobrig {

Flow run_sequence_step(RunContext& run, int attempt, const Step& step, const SequenceStep& seq,
                       AttemptState& state);

} // namespace fobrig
