// Verdicts in a mechanic's words: which fob failed, at which check, and what to look at.
#include "rig/core/programming_run_verdict.hpp"

#include <algorithm>
#include <set>

namespace fobrig {

namespace {

std::string explain(const RunRequest& request, const std::vector<AttemptState>& attempts,
                    const FobUnderTest& fob, const FobState& state,
                    const std::set<int>& ever_confirmed) {
    const AttemptState& last = attempts.back();
    if (!last.failure.empty()) {
        return last.failure;
    }
    const std::string tries =
        std::to_string(attempts.size()) + (attempts.size() == 1 ? " attempt" : " attempts");
    if (request.mode == RunMode::program && !ever_confirmed.contains(fob.slot)) {
        if (ever_confirmed.empty()) {
            return "no fob was confirmed in " + tries + " (last: " + state.failure +
                   "): check the car's receiver. " + request.procedure.on_failure;
        }
        std::string others;
        for (const int slot : ever_confirmed) {
            others += (others.empty() ? "slot " : ", slot ") + std::to_string(slot);
        }
        return "never confirmed in " + tries + " while " + others +
               " was: the car does not hear this fob; check its battery, or the fob itself";
    }
    return state.failure.empty() ? "not checked" : state.failure;
}

} // namespace

std::string fob_name(const FobUnderTest& fob) {
    std::string name = "slot " + std::to_string(fob.slot);
    return fob.label.empty() ? name : name + " (" + fob.label + ")";
}

AttemptRecord judge_attempt(const RunRequest& request, int number, AttemptState& state,
                            bool aborted) {
    AttemptRecord record{.number = number, .passed = !aborted && state.failure.empty()};
    std::string failures = state.failure;
    for (const auto& fob : request.fobs) {
        const FobState& fs = state.fobs[fob.slot];
        const bool ok = request.mode == RunMode::verify ? fs.verify_ran && fs.verify_passed
                                                        : fs.programmed && fs.verify_passed;
        if (!ok && state.failure.empty()) {
            record.passed = false;
            const std::string why = fs.failure.empty() ? "not checked" : fs.failure;
            failures += (failures.empty() ? "" : "; ") + fob_name(fob) + ": " + why;
        }
    }
    record.reason = aborted ? "aborted" : failures;
    return record;
}

void conclude_run(const RunRequest& request, std::vector<AttemptState>& attempts,
                  bool prerequisites_confirmed, bool aborted, RunRecord& record) {
    std::set<int> ever_confirmed;
    for (const auto& attempt : attempts) {
        for (const auto& [slot, state] : attempt.fobs) {
            if (state.programmed || (state.verify_ran && state.verify_passed)) {
                ever_confirmed.insert(slot);
            }
        }
    }
    std::vector<std::string> reasons;
    for (const auto& fob : request.fobs) {
        FobVerdict verdict{.slot = fob.slot, .label = fob.label};
        if (!attempts.empty()) {
            const FobState state = attempts.back().fobs[fob.slot];
            verdict.programmed = state.programmed;
            verdict.verified = state.verify_ran && state.verify_passed;
            verdict.passed =
                verdict.verified && (request.mode == RunMode::verify || verdict.programmed);
            if (!verdict.passed && !aborted) {
                verdict.reason = explain(request, attempts, fob, state, ever_confirmed);
            }
        }
        if (aborted) {
            verdict.reason = "the run was aborted";
        } else if (!prerequisites_confirmed) {
            verdict.reason = "the prerequisites were not confirmed";
        }
        if (!verdict.passed &&
            std::find(reasons.begin(), reasons.end(), verdict.reason) == reasons.end()) {
            reasons.push_back(verdict.reason);
        }
        record.fobs.push_back(std::move(verdict));
    }

    const bool passed =
        !aborted && prerequisites_confirmed && !attempts.empty() && record.attempts.back().passed;
    record.outcome = aborted  ? RunOutcome::aborted
                     : passed ? RunOutcome::passed
                              : RunOutcome::failed;
    if (passed) {
        record.reason = "every fob " +
                        std::string(request.mode == RunMode::program
                                        ? "programmed and verified in one session, attempt "
                                        : "answered, attempt ") +
                        std::to_string(record.attempts.back().number);
    } else if (reasons.size() == 1) {
        record.reason = reasons.front();
    } else {
        for (const auto& verdict : record.fobs) {
            if (!verdict.passed) {
                record.reason += (record.reason.empty() ? "" : "; ") +
                                 fob_name({verdict.slot, verdict.label}) + ": " + verdict.reason;
            }
        }
    }
    if (const std::string late = late_edges_text(record); !late.empty()) {
        record.reason += "; " + late;
    }
}

} // namespace fobrig
