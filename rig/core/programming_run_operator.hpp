// The operator's part of a run: the prerequisites, and operator steps with the ignition input.
#pragma once

#include "rig/core/programming_run_state.hpp"

namespace fobrig {

// Whether the operator confirmed the prerequisites (always, when there are none or in verify).
bool confirm_prerequisites(RunContext& run);

// The prompt of `op` as the run shows it, its deadline (and count) set when it does.
OperatorPrompt prepared_prompt(const Procedure& procedure, const Step& step,
                               const OperatorStep& op);

Flow run_operator_step(RunContext& run, int attempt, const Step& step, const OperatorStep& op,
                       AttemptState& state);

} // namespace fobrig
