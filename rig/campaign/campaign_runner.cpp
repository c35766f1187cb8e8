// The campaign's loop: each round's swaps, its session, its second verifications, then the
// restoring round; every step saved before and after, so that a resume skips what is done.
#include "rig/campaign/campaign_runner.hpp"

#include <algorithm>
#include <stdexcept>

namespace fobrig {
namespace {

// How often a swap prompt looks at the stop flags while it waits (real time).
constexpr Duration stop_poll = milliseconds(100);

class Campaign {
public:
    Campaign(CampaignProgress progress, const Procedure& procedure, const Rig& rig,
             const CampaignServices& services)
        : progress_(std::move(progress)), procedure_(procedure), rig_(rig), services_(services) {
        const CampaignRequest& request = progress_.plan.request;
        if (request.procedure_id != procedure.id || request.rig_name != rig.name) {
            throw std::invalid_argument("campaign " + request.id + " runs " + request.procedure_id +
                                        " on rig " + request.rig_name + ", not " + procedure.id +
                                        " on rig " + rig.name);
        }
    }

    CampaignReport play();

private:
    bool play_round(const PlannedRound& round);
    // Whether the round's runs may go on; records why testing stopped when it may not.
    bool may_go_on(const PlannedRound& round);
    bool swap_in(const PlannedRound& round);
    bool confirmed(const std::string& text, const std::atomic<bool>& abort);
    // Verifies again the round's fobs that the car learned but did not answer both ways.
    bool verify_again(const PlannedRound& round);
    // Runs and records one run; false when it was aborted.
    bool run(const PlannedRound& round, CampaignRunKind kind, const std::vector<int>& fobs);
    std::vector<const CampaignRun*> runs_of(const PlannedRound& round, CampaignRunKind kind) const;
    bool restored(const PlannedRound& round) const;
    void stop_testing(std::string why);
    const std::atomic<bool>& abort_flag(const PlannedRound& round) const {
        return round.kind == RoundKind::restore ? services_.stop.halt_flag()
                                                : services_.stop.testing_flag();
    }
    void save() {
        services_.store.save(progress_);
        if (services_.saved) {
            services_.saved(progress_);
        }
    }

    CampaignProgress progress_;
    const Procedure& procedure_;
    const Rig& rig_;
    const CampaignServices& services_;
};

CampaignReport Campaign::play() {
    if (!progress_.finished) {
        for (const auto& round : progress_.plan.rounds) {
            if (!play_round(round)) {
                return build_report(progress_);
            }
        }
        progress_.finished = true;
        save();
    }
    return build_report(progress_);
}

// False when the campaign cannot get further now (halted, or the kept keys not in place).
bool Campaign::play_round(const PlannedRound& round) {
    const bool restoring = round.kind == RoundKind::restore;
    if (progress_.testing_stopped && !restoring) {
        return true;
    }
    const CampaignRunKind kind = restoring                            ? CampaignRunKind::restore
                                 : progress_.plan.request.verify_only ? CampaignRunKind::verify
                                                                      : CampaignRunKind::program;
    const int tries = restoring ? progress_.plan.request.restore_runs : 1;
    while (static_cast<int>(runs_of(round, kind).size()) < tries && !restored(round)) {
        if (!may_go_on(round) || !swap_in(round)) {
            return !restoring;
        }
        if (!run(round, kind, round.fobs)) {
            stop_testing("the campaign was stopped during round " + std::to_string(round.number));
            return !restoring;
        }
    }
    return verify_again(round) || !restoring;
}

bool Campaign::may_go_on(const PlannedRound& round) {
    if (abort_flag(round).load()) {
        stop_testing("the campaign was stopped before round " + std::to_string(round.number));
        return false;
    }
    return true;
}

void Campaign::stop_testing(std::string why) {
    if (!progress_.testing_stopped) {
        progress_.testing_stopped = true;
        progress_.stop_reason = std::move(why);
        save();
    }
}

bool Campaign::swap_in(const PlannedRound& round) {
    const auto& fobs = progress_.plan.fobs;
    for (const auto& swap : swaps_for(round, fobs, progress_.occupants)) {
        const std::string text = swap_text(swap, fobs);
        if (!confirmed(text, abort_flag(round))) {
            stop_testing("nobody confirmed: " + text);
            return false;
        }
        apply_swap(progress_.occupants, swap);
        save();
    }
    return true;
}

bool Campaign::confirmed(const std::string& text, const std::atomic<bool>& abort) {
    Clock& clock = services_.clock;
    const Instant deadline = clock.now() + services_.swap_timeout;
    services_.console.prompt(
        {.step_id = "swap", .text = text, .action = OperatorAction::confirm, .deadline = deadline});
    while (!services_.console.acknowledged() && !abort.load() && clock.now() < deadline) {
        if (services_.pulse) {
            services_.pulse->beat();
        }
        services_.backend.wait(std::min(deadline, clock.now() + stop_poll));
    }
    return services_.console.acknowledged().has_value() && !abort.load();
}

bool Campaign::verify_again(const PlannedRound& round) {
    const bool verify_only = progress_.plan.request.verify_only;
    while (static_cast<int>(runs_of(round, CampaignRunKind::reverify).size()) <
           progress_.plan.request.verify_retries) {
        const CampaignReport report = build_report(progress_);
        std::vector<int> again;
        std::ranges::copy_if(round.fobs, std::back_inserter(again), [&](int f) {
            const FobReport& fob = report.fobs[static_cast<std::size_t>(f)];
            return fob.result == FobClass::fails && (verify_only || fob.programmed);
        });
        if (again.empty()) {
            return true;
        }
        if (!may_go_on(round)) {
            return false;
        }
        if (!run(round, CampaignRunKind::reverify, again)) {
            stop_testing("the campaign was stopped during round " + std::to_string(round.number));
            return false;
        }
    }
    return true;
}

bool Campaign::run(const PlannedRound& round, CampaignRunKind kind, const std::vector<int>& fobs) {
    const bool programs = kind == CampaignRunKind::program || kind == CampaignRunKind::restore;
    RunRequest request{.procedure = procedure_,
                       .rig = rig_,
                       .fobs = fobs_under_test(fobs, progress_.plan.fobs),
                       .mode = programs ? RunMode::program : RunMode::verify,
                       .run_id = progress_.plan.request.id + "-" +
                                 std::to_string(progress_.runs.size() + 1)};
    if (services_.run_starting) {
        services_.run_starting(request);
    }
    progress_.running = CampaignRun{.round = round.number, .kind = kind, .run_id = request.run_id};
    save();
    const RunRecord record =
        run_procedure(request, {services_.clock, services_.backend, services_.console,
                                abort_flag(round), services_.observer, services_.pulse});
    if (services_.run_finished) {
        services_.run_finished(record);
    }
    progress_.runs.push_back(
        summarize_run(record, procedure_, progress_.plan.fobs, round.number, kind, fobs));
    progress_.running.reset();
    save();
    return record.outcome != RunOutcome::aborted;
}

std::vector<const CampaignRun*> Campaign::runs_of(const PlannedRound& round,
                                                  CampaignRunKind kind) const {
    std::vector<const CampaignRun*> runs;
    for (const auto& run : progress_.runs) {
        if (run.round == round.number && run.kind == kind && run.outcome != RunOutcome::aborted) {
            runs.push_back(&run);
        }
    }
    return runs;
}

// A test round is never "restored": its one session is counted by runs_of alone.
bool Campaign::restored(const PlannedRound& round) const {
    const auto sessions = runs_of(round, CampaignRunKind::restore);
    return !sessions.empty() &&
           std::ranges::all_of(sessions.back()->fobs, &FobRunResult::programmed);
}

} // namespace

CampaignReport run_campaign(const CampaignPlan& plan, const Procedure& procedure, const Rig& rig,
                            const CampaignServices& services) {
    if (services.store.load(plan.request.id)) {
        throw std::invalid_argument("campaign " + plan.request.id +
                                    " exists already: resume it, or choose another id");
    }
    const CampaignProgress progress = start_progress(plan);
    Campaign campaign(progress, procedure, rig, services);
    services.store.save(progress);
    return campaign.play();
}

CampaignReport resume_campaign(const std::string& campaign_id, const Procedure& procedure,
                               const Rig& rig, const CampaignServices& services) {
    auto progress = services.store.load(campaign_id);
    if (!progress) {
        throw std::invalid_argument("there is no campaign " + campaign_id);
    }
    // The run that was cut off is done again; what it saw was never saved.
    progress->running.reset();
    Campaign campaign(std::move(*progress), procedure, rig, services);
    return campaign.play();
}

std::optional<InterruptedCampaign> recover(CampaignStore& store) {
    const auto progress = store.latest_unfinished();
    if (!progress) {
        return std::nullopt;
    }
    const CampaignRequest& request = progress->plan.request;
    InterruptedCampaign interrupted{.campaign_id = request.id,
                                    .procedure_id = request.procedure_id,
                                    .rig_name = request.rig_name,
                                    .report = build_report(*progress)};
    const CampaignReport& report = interrupted.report;
    interrupted.text =
        "campaign " + request.id + " (" + request.procedure_id + " on " + request.rig_name +
        ") was interrupted after " + std::to_string(report.rounds_done) + " of " +
        std::to_string(report.rounds_planned) + " rounds; " + car_keys_text(report.car_keys) +
        ". Resume it (fobrig batch --resume " + request.id + ") to finish" +
        (request.verify_only ? "" : " and program the kept keys again");
    return interrupted;
}

} // namespace fobrig
