// Classifying each fob from the runs that took it, and the report's three forms.
#include "rig/campaign/campaign_report.hpp"

#include "rig/campaign/optional_json.hpp"
#include "rig/record/run_csv.hpp"
#include "rig/record/text_table.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <stdexcept>

namespace fobrig {

NLOHMANN_JSON_SERIALIZE_ENUM(FobClass, {{FobClass::works, "works"},
                                        {FobClass::works_after_resync, "works after resync"},
                                        {FobClass::fails, "fails"},
                                        {FobClass::not_tested, "not tested"}})
NLOHMANN_JSON_SERIALIZE_ENUM(CarKeys::State, {{CarKeys::State::untouched, "untouched"},
                                              {CarKeys::State::known, "known"},
                                              {CarKeys::State::uncertain, "uncertain"}})
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(FobReport, number, label, keep, slot, round, programmed,
                                   lock_verified, unlock_verified, latency_ms, attempts, presses,
                                   result, reason, warning)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(CarKeys, state, labels, kept_keys_only)

namespace {

// One fob's share of a run, with the run around it.
struct FobRun {
    const CampaignRun* run = nullptr;
    const FobRunResult* fob = nullptr;
    bool programs() const {
        return run->kind != CampaignRunKind::verify && run->kind != CampaignRunKind::reverify;
    }
    bool answered_both() const { return fob->lock == true && fob->unlock == true; }
};

std::vector<FobRun> runs_of(const CampaignProgress& progress, int fob) {
    std::vector<FobRun> runs;
    for (const auto& run : progress.runs) {
        for (const auto& result : run.fobs) {
            if (result.fob == fob) {
                runs.push_back({&run, &result});
            }
        }
    }
    return runs;
}

int planned_round(const CampaignPlan& plan, int fob) {
    for (const auto& round : plan.rounds) {
        if (std::ranges::find(round.fobs, fob) != round.fobs.end()) {
            return round.number;
        }
    }
    return 0;
}

std::string tries_text(std::size_t tries) {
    return std::to_string(tries) + (tries == 1 ? " try" : " tries");
}

// The mechanic's reason for a fob the last session did not take.
std::string not_programmed_text(const FobRun& session) {
    const auto& others = session.run->fobs;
    if (std::ranges::any_of(others, [](const FobRunResult& r) { return r.programmed; })) {
        return "no telegram from it reached the car while the car took the other fobs of round " +
               std::to_string(session.run->round) +
               ": check its battery, then its buttons (or the rig's relay across them)";
    }
    return "the car took no fob in round " + std::to_string(session.run->round) + ": " +
           session.fob->reason;
}

// The mechanic's reason for a fob the car did not answer both ways in any one try.
std::string unanswered_text(bool lock, bool unlock, bool verify_only, std::size_t tries) {
    if (lock != unlock) {
        const std::string button = lock ? "unlock" : "lock";
        return "the car never answered its " + button + " button in " + tries_text(tries) +
               ": check the " + button + " button";
    }
    if (verify_only) {
        return "fob not accepted: the car answered neither lock nor unlock in " +
               tries_text(tries) +
               ": not programmed to this car, a flat battery, or its rolling code ran too far "
               "ahead (re-program it)";
    }
    return "fob not accepted: the car learned it but answered neither lock nor unlock in " +
           tries_text(tries);
}

// Presses since the car last answered the fob, over every run in order.
int unanswered_presses(const std::vector<FobRun>& runs) {
    int unanswered = 0;
    for (const auto& r : runs) {
        const bool answered = r.fob->presses_unanswered < r.fob->presses;
        unanswered = answered ? r.fob->presses_unanswered : unanswered + r.fob->presses;
    }
    return unanswered;
}

void classify(FobReport& report, const std::vector<FobRun>& all, bool verify_only) {
    // What an aborted run saw is not a result; what counts starts at the last session.
    std::vector<FobRun> runs;
    std::ranges::copy_if(all, std::back_inserter(runs),
                         [](const FobRun& r) { return r.run->outcome != RunOutcome::aborted; });
    const auto session = std::ranges::find_if(runs.rbegin(), runs.rend(),
                                              [](const FobRun& r) { return r.programs(); });
    if (session != runs.rend()) {
        const FobRun last_session = *session;
        runs.erase(runs.begin(), std::prev(session.base()));
        report.programmed = last_session.fob->programmed;
        if (!report.programmed) {
            report.result = FobClass::fails;
            report.reason = not_programmed_text(last_session);
            return;
        }
    }
    const auto first =
        std::ranges::find_if(runs, [](const FobRun& r) { return r.fob->lock || r.fob->unlock; });
    if (first == runs.end()) {
        return; // not tested: the caller's reason stands
    }
    const auto both = std::ranges::find_if(first, runs.end(), &FobRun::answered_both);
    for (const auto& r : runs) {
        report.lock_verified = report.lock_verified || r.fob->lock == true;
        report.unlock_verified = report.unlock_verified || r.fob->unlock == true;
    }
    report.latency_ms = (both != runs.end() ? *both : runs.back()).fob->latency_ms;
    if (both == first && !both->fob->pressed_again) {
        report.result = FobClass::works;
        report.reason.clear();
    } else if (both == first) {
        report.result = FobClass::works_after_resync;
        report.reason = "the car answered it only when a check pressed again: its rolling code "
                        "had run ahead and the car resynchronised, or a telegram was lost on "
                        "the air";
    } else if (both != runs.end()) {
        report.result = FobClass::works_after_resync;
        report.reason = "the car answered it only from its second press on: its rolling code had "
                        "run ahead, and the car resynchronised";
    } else {
        report.result = FobClass::fails;
        report.reason = unanswered_text(report.lock_verified, report.unlock_verified, verify_only,
                                        static_cast<std::size_t>(runs.end() - first));
    }
}

FobReport fob_report(const CampaignProgress& progress, int index) {
    const CampaignPlan& plan = progress.plan;
    const CampaignFob& fob = plan.fobs[static_cast<std::size_t>(index)];
    FobReport report{.number = fob.number,
                     .label = fob.label,
                     .keep = fob.keep,
                     .slot = fob.slot,
                     .round = planned_round(plan, index)};
    report.reason = progress.testing_stopped && !fob.keep ? "not tested: " + progress.stop_reason
                                                          : "not tested: its round has not run";
    const std::vector<FobRun> runs = runs_of(progress, index);
    if (!runs.empty() && std::ranges::all_of(runs, [](const FobRun& r) {
            return r.run->outcome == RunOutcome::aborted;
        })) {
        report.reason = "not tested: the campaign was stopped during its round";
    }
    for (const auto& r : runs) {
        report.attempts += r.run->attempts;
        report.presses += r.fob->presses;
    }
    classify(report, runs, plan.request.verify_only);
    const int window = plan.request.rolling_window;
    if (const int unanswered = unanswered_presses(runs);
        report.result != FobClass::works && unanswered * 4 >= window * 3) {
        report.warning = "pressed " + std::to_string(unanswered) +
                         " times without an answer from the car: a rolling-code receiver follows "
                         "a fob only " +
                         std::to_string(window) +
                         " presses ahead, then needs two presses in a row at the car, or "
                         "programming";
    }
    return report;
}

CarKeys car_keys(const CampaignProgress& progress) {
    const auto programs = [](CampaignRunKind kind) {
        return kind == CampaignRunKind::program || kind == CampaignRunKind::restore;
    };
    CarKeys keys;
    const auto last = std::ranges::find_if(progress.runs.rbegin(), progress.runs.rend(),
                                           [&](const CampaignRun& r) { return programs(r.kind); });
    if (last != progress.runs.rend()) {
        keys.state = last->outcome == RunOutcome::aborted ? CarKeys::State::uncertain
                                                          : CarKeys::State::known;
        bool kept_only = true;
        for (const auto& fob : last->fobs) {
            const CampaignFob& planned = progress.plan.fobs[static_cast<std::size_t>(fob.fob)];
            if (fob.programmed) {
                keys.labels.push_back(planned.label);
            }
            kept_only = kept_only && planned.keep && fob.programmed;
        }
        const auto kept = std::ranges::count_if(progress.plan.fobs, &CampaignFob::keep);
        keys.kept_keys_only = keys.state == CarKeys::State::known && kept_only &&
                              static_cast<std::ptrdiff_t>(last->fobs.size()) == kept;
    }
    if (progress.running && programs(progress.running->kind)) {
        keys.state = CarKeys::State::uncertain;
        keys.kept_keys_only = false;
    }
    return keys;
}

std::string joined(const std::vector<std::string>& items) {
    std::string text;
    for (const auto& item : items) {
        text += (text.empty() ? "" : ", ") + item;
    }
    return text;
}

std::string yes_no(bool value) {
    return value ? "yes" : "no";
}

std::string latency_text(const std::optional<double>& ms) {
    if (!ms) {
        return "";
    }
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", *ms);
    return text;
}

} // namespace

std::string to_string(FobClass result) {
    return nlohmann::json(result).get<std::string>();
}

FobClass fob_class_named(const std::string& text) {
    for (const FobClass result :
         {FobClass::works, FobClass::works_after_resync, FobClass::fails, FobClass::not_tested}) {
        if (to_string(result) == text) {
            return result;
        }
    }
    throw std::invalid_argument("\"" + text + "\" is not a fob's result");
}

CampaignReport build_report(const CampaignProgress& progress) {
    const CampaignRequest& request = progress.plan.request;
    CampaignReport report{.id = request.id,
                          .procedure_id = request.procedure_id,
                          .rig_name = request.rig_name,
                          .started_utc = request.started_utc,
                          .verify_only = request.verify_only,
                          .finished = progress.finished,
                          .testing_stopped = progress.testing_stopped,
                          .stop_reason = progress.stop_reason,
                          .rounds_planned = static_cast<int>(progress.plan.rounds.size()),
                          .car_keys = car_keys(progress)};
    std::vector<int> rounds;
    for (const auto& run : progress.runs) {
        if (std::ranges::find(rounds, run.round) == rounds.end()) {
            rounds.push_back(run.round);
        }
    }
    report.rounds_done = static_cast<int>(rounds.size());
    for (std::size_t i = 0; i < progress.plan.fobs.size(); ++i) {
        report.fobs.push_back(fob_report(progress, static_cast<int>(i)));
    }
    const bool restore_ran = std::ranges::any_of(progress.runs, [](const CampaignRun& run) {
        return run.kind == CampaignRunKind::restore && run.outcome != RunOutcome::aborted;
    });
    if (!request.verify_only && restore_ran) {
        report.restored = std::ranges::all_of(
            report.fobs, [](const FobReport& fob) { return !fob.keep || fob.programmed; });
    }
    return report;
}

std::string car_keys_text(const CarKeys& keys) {
    const std::string held = keys.labels.empty() ? "no key" : joined(keys.labels);
    switch (keys.state) {
    case CarKeys::State::untouched:
        return "the car's key table is as it was before the campaign";
    case CarKeys::State::known:
        return "the car holds " + held +
               (keys.kept_keys_only ? " (the kept keys)" : ", not just the kept keys");
    case CarKeys::State::uncertain:
        break;
    }
    return "a programming session was cut off (it confirmed " + held +
           "): the car may hold none of the kept keys";
}

std::string campaign_summary(const CampaignReport& report) {
    std::map<FobClass, int> counts;
    std::vector<std::string> kept;
    for (const auto& fob : report.fobs) {
        ++counts[fob.result];
        if (fob.keep) {
            kept.push_back(fob.label);
        }
    }
    std::string text = "campaign " + report.id + ": " + std::to_string(report.fobs.size()) +
                       " fobs, " + std::to_string(counts[FobClass::works]) + " work, " +
                       std::to_string(counts[FobClass::works_after_resync]) +
                       " work after resync, " + std::to_string(counts[FobClass::fails]) +
                       " fail, " + std::to_string(counts[FobClass::not_tested]) + " not tested";
    if (report.testing_stopped) {
        text += "; testing stopped: " + report.stop_reason;
    }
    if (report.restored == true) {
        text += "; the kept keys " + joined(kept) + " were programmed again in the last round";
    } else if (report.restored == false) {
        text += "; RESTORING FAILED: the kept keys " + joined(kept) + " are not all programmed";
    }
    if (!report.finished) {
        text += "; unfinished (round " + std::to_string(report.rounds_done) + " of " +
                std::to_string(report.rounds_planned) + "): resume it";
    }
    return text + "; " + car_keys_text(report.car_keys);
}

std::string campaign_table(const CampaignReport& report) {
    TextTable table({{"fob"},
                     {"slot", Align::right},
                     {"round", Align::right},
                     {"programmed"},
                     {"lock"},
                     {"unlock"},
                     {"latency ms", Align::right},
                     {"attempts", Align::right},
                     {"presses", Align::right},
                     {"result"},
                     {"reason"}});
    std::string warnings;
    for (const auto& fob : report.fobs) {
        table.add_row({fob.label + (fob.keep ? " (kept)" : ""), std::to_string(fob.slot),
                       std::to_string(fob.round), report.verify_only ? "-" : yes_no(fob.programmed),
                       yes_no(fob.lock_verified), yes_no(fob.unlock_verified),
                       latency_text(fob.latency_ms), std::to_string(fob.attempts),
                       std::to_string(fob.presses), to_string(fob.result), fob.reason});
        if (!fob.warning.empty()) {
            warnings += "warning: fob " + fob.label + " " + fob.warning + "\n";
        }
    }
    return campaign_summary(report) + "\n\n" + table.str() + (warnings.empty() ? "" : "\n") +
           warnings;
}

std::string campaign_csv(const CampaignReport& report) {
    std::string out = "number,label,keep,slot,round,programmed,lock_verified,unlock_verified,"
                      "latency_ms,attempts,presses,result,reason,warning\n";
    for (const auto& fob : report.fobs) {
        out +=
            csv_line({std::to_string(fob.number), fob.label, yes_no(fob.keep),
                      std::to_string(fob.slot), std::to_string(fob.round), yes_no(fob.programmed),
                      yes_no(fob.lock_verified), yes_no(fob.unlock_verified),
                      latency_text(fob.latency_ms), std::to_string(fob.attempts),
                      std::to_string(fob.presses), to_string(fob.result), fob.reason, fob.warning});
    }
    return out;
}

nlohmann::json fob_json(const FobReport& fob) {
    return fob;
}

nlohmann::json campaign_json(const CampaignReport& report) {
    return {{"id", report.id},
            {"procedure", report.procedure_id},
            {"rig", report.rig_name},
            {"started_utc", report.started_utc},
            {"verify_only", report.verify_only},
            {"finished", report.finished},
            {"testing_stopped", report.testing_stopped},
            {"stop_reason", report.stop_reason},
            {"rounds_planned", report.rounds_planned},
            {"rounds_done", report.rounds_done},
            {"restored", report.restored},
            {"car_keys", report.car_keys},
            {"car_keys_text", car_keys_text(report.car_keys)},
            {"summary", campaign_summary(report)},
            {"fobs", report.fobs}};
}

} // namespace fobrig
