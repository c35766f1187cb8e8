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
// Also: program and verify steps have a confirmation, and each start_within can be met after
// the previous step's confirmation wait.
std::vector<Problem> check_procedure(const Procedure& procedure);

// Whether the procedure as a whole can program a fob: it has a program step.
// Apart from check_procedure so that a loader can skip it when a step could not be read.
std::vector<Problem> check_procedure_programs(const Procedure& procedure);

// Whether `procedure` can run on `rig` with the fobs in `slots`: the slots exist, every
// button a sequence uses is wired in each of them, every confirmation role is a sense input or
// told by the indicator input, every channel's commands stay in order once shifted by its
// switch's latencies, and every press with those latencies and its step's tolerance stays under
// its channel's max_hold. Includes check_procedure's and check_procedure_programs' problems, so
// that this one call before a run covers everything.
std::vector<Problem> check_procedure_against_rig(const Procedure& procedure, const Rig& rig,
                                                 const std::vector<int>& slots);

} // namespace fobrig
