// Runs a campaign round after round on one rig, persisting its progress after every run and
// swap so that it resumes after a crash, and always ending with the restoring round. Runs on
// the caller's thread (the daemon's run thread): one campaign is one run slot of the rig.
#pragma once

#include "rig/campaign/campaign_plan.hpp"
#include "rig/campaign/campaign_report.hpp"
#include "rig/campaign/campaign_store.hpp"
#include "rig/core/backend.hpp"
#include "rig/core/clock.hpp"
#include "rig/core/operator_console.hpp"
#include "rig/core/programming_run.hpp"
#include "rig/core/run_observer.hpp"

#include <atomic>
#include <functional>
#include <optional>
#include <string>

namespace fobrig {

// How a campaign is stopped, from any thread. stop_testing(): the current round's run is
// aborted and the restoring round follows at once (the report says whether it succeeded).
// halt(): everything stops now, the restoring round too; the campaign stays unfinished and
// recover() reports it (for a shutdown that cannot wait). One object per campaign: neither
// flag is ever cleared, and halting also stops testing.
class CampaignStop {
public:
    void stop_testing() { testing_.store(true); }
    void halt() {
        testing_.store(true);
        halted_.store(true);
    }
    // The abort flags the test rounds' and the restoring round's runs watch.
    const std::atomic<bool>& testing_flag() const { return testing_; }
    const std::atomic<bool>& halt_flag() const { return halted_; }

private:
    std::atomic<bool> testing_{false};
    std::atomic<bool> halted_{false};
};

struct CampaignServices {
    Clock& clock;
    Backend& backend;
    OperatorConsole& console; // swap prompts (confirm) and the procedure's own prompts
    CampaignStore& store;
    const CampaignStop& stop;
    RunObserver* observer = nullptr;
    RunPulse* pulse = nullptr; // each run's heartbeat and held contacts (rig/core/run_pulse.hpp)
    // Called before each run, with the request complete but for run_id ("<campaign>-<n>" by
    // default) and started_utc (empty by default), which it may set: e.g. from
    // RunHistory::reserve_run() and run_started().
    std::function<void(RunRequest&)> run_starting;
    // Called with each run's record as soon as it ends: e.g. RunHistory::run_finished().
    std::function<void(const RunRecord&)> run_finished;
    // Called after each save of the progress (a run begun or ended, a swap, the end): to tell
    // followers how far it got (campaign_pace()).
    std::function<void(const CampaignProgress&)> saved;
    // A swap not confirmed by then stops testing (the kept keys stay put, so restoring goes on).
    Duration swap_timeout = std::chrono::minutes(10);
};

// Starts the planned campaign and runs it to its end, or until halted. Throws
// std::invalid_argument when the store already has a campaign of that id, or when `procedure`
// or `rig` are not the plan's. Store failures propagate: the campaign is then as last saved.
CampaignReport run_campaign(const CampaignPlan& plan, const Procedure& procedure, const Rig& rig,
                            const CampaignServices& services);

// Carries on a stored campaign from its last saved step: finished rounds and runs are not done
// again, a run that was cut off is done again, and the restoring round always comes last. A
// finished campaign's report comes back at once. Throws std::invalid_argument for an unknown
// id, or when `procedure` or `rig` are not the campaign's.
CampaignReport resume_campaign(const std::string& campaign_id, const Procedure& procedure,
                               const Rig& rig, const CampaignServices& services);

struct InterruptedCampaign {
    std::string campaign_id;
    std::string procedure_id; // load these to resume it
    std::string rig_name;
    CampaignReport report; // as far as it got
    std::string text;      // for the operator: which campaign, where, and the car's key table
};

// At daemon start: the newest unfinished campaign, if any.
std::optional<InterruptedCampaign> recover(CampaignStore& store);

} // namespace fobrig
