// The verdicts of a run, from what its attempts found: per attempt, per fob and for the run.
#pragma once

#include "rig/core/programming_run_state.hpp"

#include <vector>

namespace fobrig {

// Whether the attempt did all the request asked, and if not, what failed.
AttemptRecord judge_attempt(const RunRequest& request, int number, AttemptState& state,
                            bool aborted);

// Fills the record's fob verdicts, outcome and reason.
void conclude_run(const RunRequest& request, std::vector<AttemptState>& attempts,
                  bool prerequisites_confirmed, bool aborted, RunRecord& record);

} // namespace fobrig
