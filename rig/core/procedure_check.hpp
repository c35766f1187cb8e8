// The rules a procedure must follow before it may drive a rig, on the model alone (no TOML),
// so that the loader and the engine apply the very same checks.
#pragma once

#include "rig/core/procedure.hpp"
#include "rig/core/rig_wiring.hpp"
#include "rig/core/source_pos.hpp"

#include <string>
#include <vector>

namespace fobrig {

struct Problem {
    SourcePos pos; // in the procedure's file; line 0 when the problem is not in the file
    std::string message;
};

// Rules between a procedure's fields: unique step ids and action names, actions in time order,
// each button pressed before it is released and released by the end, known buttons, windows
// that name actions and fit, start_within, confirmations that name a sense input and an action,
// indicator flash counts that differ.
// Ranges of single fields (positive durations and the like) are the loader's, at the field.
std::vector<Problem> check_procedure(const Procedure& procedure);

// Whether `procedure` can run on `rig` with the fobs in `slots`: the slots exist, every
// button a sequence uses is wired in each of them, every confirmation role is a sense input or
// told by the indicator input, and no press lasts longer than its channel's max_hold. Includes
// check_procedure's problems, so that this one call before a run covers everything.
std::vector<Problem> check_procedure_against_rig(const Procedure& procedure, const Rig& rig,
                                                 const std::vector<int>& slots);

} // namespace fobrig
