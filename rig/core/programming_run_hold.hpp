// Contacts across the car's switches held through operator steps (GM: the door's unlock switch
// held while the operator works the key). Internal to programming_run*.
#pragma once

#include "rig/core/programming_run_state.hpp"

namespace fobrig {

// Closes the contacts `op` holds, before its prompt; each is recorded as the step's "hold".
// Stops the attempt when a stall or an abort stopped the closing.
Flow close_holds(RunContext& run, const Step& step, const OperatorStep& op, AttemptState& state);

// Opens the contacts held through `step` (every one still held when null), recorded as "open".
// A contact the max-hold guard opened first stops the attempt: the car lost the switch early.
Flow open_holds(RunContext& run, const Step* step, AttemptState& state);

} // namespace fobrig
