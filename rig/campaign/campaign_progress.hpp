// What a campaign has done so far, as it is persisted after every run: the plan, a summary of
// each run, which fob sits in which slot, and the run under way. Enough to resume, and to
// build the report from.
#pragma once

#include "rig/campaign/campaign_plan.hpp"
#include "rig/core/procedure.hpp"
#include "rig/core/run_record.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace fobrig {

// program: a test round's session. verify: a test round without programming (verify-only).
// reverify: lock and unlock again for fobs the car did not fully answer. restore: the
// restoring round's session, which re-programs the kept keys.
enum class CampaignRunKind { program, verify, reverify, restore };

std::string to_string(CampaignRunKind kind);

// One fob in one run.
struct FobRunResult {
    int fob = 0;                      // index into CampaignPlan::fobs
    bool programmed = false;          // the car confirmed learning it in the run's last attempt
    std::optional<bool> lock;         // the last attempt's lock check; empty when not made
    std::optional<bool> unlock;       // likewise for unlock
    std::optional<double> latency_ms; // the slower of the car's answers to lock and unlock
    int presses = 0;                  // contacts the rig closed on it
    int presses_unanswered = 0;       // of those, after the car last answered it
    // A verify check of the last attempt that the car answered only when pressed again
    // (confirm.presses): a rolling code run ahead, or a telegram lost on the air.
    bool pressed_again = false;
    std::string reason; // the run's verdict for it, empty when it passed
};

struct CampaignRun {
    int round = 0;
    CampaignRunKind kind = CampaignRunKind::program;
    std::string run_id;
    RunOutcome outcome = RunOutcome::failed;
    std::string reason;
    int attempts = 0;
    std::vector<FobRunResult> fobs;
};

struct CampaignProgress {
    CampaignPlan plan;
    std::vector<CampaignRun> runs;      // finished, in order
    std::map<int, int> occupants;       // slot -> fob, as the operator last confirmed
    std::optional<CampaignRun> running; // begun and not yet saved: cut off if still set
    bool testing_stopped = false;       // only the restoring round remains
    std::string stop_reason;
    bool finished = false;
};

// A new campaign's progress: nothing done, the fobs where the plan finds them.
CampaignProgress start_progress(CampaignPlan plan);

// A run's record as the campaign keeps it; `fobs` are the indices into `plan_fobs` of the
// fobs the run took. A fob the record has no verdict for takes the run's reason.
CampaignRun summarize_run(const RunRecord& record, const Procedure& procedure,
                          const std::vector<CampaignFob>& plan_fobs, int round,
                          CampaignRunKind kind, const std::vector<int>& fobs);

nlohmann::json progress_to_json(const CampaignProgress& progress);
// Throws nlohmann::json::exception for a document progress_to_json() did not write.
CampaignProgress progress_from_json(const nlohmann::json& json);

} // namespace fobrig
