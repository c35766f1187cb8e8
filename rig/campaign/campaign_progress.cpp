// Summarising a run's record per fob, and the progress as JSON for the store.
#include "rig/campaign/campaign_progress.hpp"

#include "rig/campaign/optional_json.hpp"

#include <algorithm>

namespace fobrig {

NLOHMANN_JSON_SERIALIZE_ENUM(RoundKind,
                             {{RoundKind::test, "test"}, {RoundKind::restore, "restore"}})
NLOHMANN_JSON_SERIALIZE_ENUM(CampaignRunKind, {{CampaignRunKind::program, "program"},
                                               {CampaignRunKind::verify, "verify"},
                                               {CampaignRunKind::reverify, "reverify"},
                                               {CampaignRunKind::restore, "restore"}})
NLOHMANN_JSON_SERIALIZE_ENUM(RunOutcome, {{RunOutcome::passed, "passed"},
                                          {RunOutcome::failed, "failed"},
                                          {RunOutcome::aborted, "aborted"},
                                          {RunOutcome::unverified, "unverified"}})
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(CampaignFob, number, label, keep, slot)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(CampaignRequest, id, procedure_id, rig_name, started_utc, fobs,
                                   verify_only, verify_retries, restore_runs, rolling_window)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(SlotSwap, slot, fob_in, fob_out)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(PlannedRound, number, kind, fobs, swaps)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(CampaignPlan, request, fobs, occupants, rounds)
// With defaults: a campaign stored before `pressed_again` existed still resumes.
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(FobRunResult, fob, programmed, lock, unlock,
                                                latency_ms, presses, presses_unanswered,
                                                pressed_again, reason)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(CampaignRun, round, kind, run_id, outcome, reason, attempts,
                                   fobs)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(CampaignProgress, plan, runs, occupants, running,
                                   testing_stopped, stop_reason, finished)

namespace {

// Verify steps whose car answer is one signal, by step id: "verify-lock" -> "lock".
std::map<std::string, std::string> verify_roles(const Procedure& procedure) {
    std::map<std::string, std::string> roles;
    for (const auto& step : procedure.steps) {
        const auto* seq = std::get_if<SequenceStep>(&step.body);
        if (seq && seq->purpose == SequencePurpose::verify && seq->confirm &&
            seq->confirm->pattern.size() == 1) {
            roles[step.id] = seq->confirm->pattern.front();
        }
    }
    return roles;
}

double in_ms(Duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

FobRunResult summarize_fob(const RunRecord& record, const std::map<std::string, std::string>& roles,
                           int fob, int slot) {
    FobRunResult result{.fob = fob, .reason = record.reason};
    for (const auto& verdict : record.fobs) {
        if (verdict.slot == slot) {
            result.programmed = verdict.programmed;
            result.reason = verdict.passed ? "" : verdict.reason;
        }
    }
    const int last_attempt = record.attempts.empty() ? 0 : record.attempts.back().number;
    std::optional<Instant> last_answer;
    for (const auto& check : record.checks) {
        if (check.slot != slot) {
            continue;
        }
        if (check.passed) {
            last_answer = check.decided;
        }
        const auto role = roles.find(check.step_id);
        if (check.attempt != last_attempt || role == roles.end()) {
            continue;
        }
        (role->second == "lock" ? result.lock : result.unlock) = check.passed;
        result.pressed_again = result.pressed_again || (check.passed && check.presses > 1);
        if (check.passed && check.latency) {
            result.latency_ms = std::max(result.latency_ms.value_or(0.0), in_ms(*check.latency));
        }
    }
    for (const auto& edge : record.commanded) {
        if (edge.slot == slot && edge.active && !edge.forced) {
            ++result.presses;
            result.presses_unanswered += !last_answer || edge.actual > *last_answer;
        }
    }
    return result;
}

} // namespace

std::string to_string(CampaignRunKind kind) {
    return nlohmann::json(kind).get<std::string>();
}

CampaignProgress start_progress(CampaignPlan plan) {
    CampaignProgress progress{.plan = std::move(plan)};
    progress.occupants = progress.plan.occupants;
    return progress;
}

CampaignRun summarize_run(const RunRecord& record, const Procedure& procedure,
                          const std::vector<CampaignFob>& plan_fobs, int round,
                          CampaignRunKind kind, const std::vector<int>& fobs) {
    CampaignRun run{.round = round,
                    .kind = kind,
                    .run_id = record.id,
                    .outcome = record.outcome,
                    .reason = record.reason,
                    .attempts = static_cast<int>(record.attempts.size())};
    const auto roles = verify_roles(procedure);
    for (const int fob : fobs) {
        run.fobs.push_back(summarize_fob(record, roles, fob, plan_fobs[fob].slot));
    }
    return run;
}

nlohmann::json progress_to_json(const CampaignProgress& progress) {
    return progress;
}

CampaignProgress progress_from_json(const nlohmann::json& json) {
    return json.get<CampaignProgress>();
}

} // namespace fobrig
