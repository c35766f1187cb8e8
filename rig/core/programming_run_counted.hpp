// Operator steps the rig counts through an input: the ignition turned on 8 times within 8 s
// (Ford), the key inserted and removed, the door opened and closed. Internal to
// programming_run*.
#pragma once

#include "rig/core/programming_run_state.hpp"

namespace fobrig {

// Runs `op` (count > 0): counted on its input when the rig wires it, else acknowledged by a
// person and recorded as not sensed.
// The car's limit on `op` in words: "8 turns of the ignition to on within 8 s, ending on" (or
// without "within 8 s" when untimed); empty for one untimed turn.
std::string counted_limit(const OperatorStep& op);

Flow run_counted_step(RunContext& run, int attempt, const Step& step, const OperatorStep& op,
                      AttemptState& state);

} // namespace fobrig
