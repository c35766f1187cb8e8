// The verdicts of a run, from what its attempts found: per attempt, per fob and for the run.
// A fob passes only if the car was seen to answer: its program check (in a program run) and
// every verify step's check. A fob that was programmed and failed no check, but that some
// verify step did not check, is "unverified", never "passed".
#pragma once

#include "rig/core/programming_run_state.hpp"

#include <vector>

namespace fobrig {

// Whether the attempt did all the request asked, and if not, what failed: `record` (its number
// set) filled in, its texts written in the room it has (see text_append.hpp).
AttemptRecord judge_attempt(const RunRequest& request, AttemptRecord record,
                            const AttemptState& state, bool aborted);

// Whether another attempt could do better: false when it passed, and when it only left fobs
// that the procedure does not verify unverified.
bool worth_retrying(const RunRequest& request, const AttemptState& state);

// Fills the record's fob verdicts, outcome and reason.
void conclude_run(const RunRequest& request, std::vector<AttemptState>& attempts,
                  bool prerequisites_confirmed, bool aborted, RunRecord& record);

} // namespace fobrig
