#include "rig/core/programming_run.hpp"

#include "rig/core/confirmation_watch.hpp"
#include "rig/core/procedure_check.hpp"
#include "rig/core/run_recorder.hpp"
#include "rig/core/schedule.hpp"
#include "rig/core/sequencer.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

namespace fobrig {

namespace {

// How long the operator has to confirm the prerequisites before the run gives up.
constexpr Duration prerequisites_timeout = std::chrono::minutes(10);
// How long a released contact may bounce after its release latency (relays settle within a few
// milliseconds).
constexpr Duration contact_bounce_allowance = milliseconds(20);

struct FobState {
    bool programmed = false;
    bool verify_ran = false;
    bool verify_passed = true;
    std::string failure; // the first failed check of this attempt
};

struct AttemptState {
    std::map<int, FobState> fobs;
    Instant last_end{};        // the car's windows count from here
    std::string last_end_what; // what happened then, for the reason text
    bool reached_a_check = false;
    std::string failure; // a failure that ended the attempt early
};

std::string fob_name(const FobUnderTest& fob) {
    std::string name = "slot " + std::to_string(fob.slot);
    return fob.label.empty() ? name : name + " (" + fob.label + ")";
}

class ProgrammingRun {
public:
    ProgrammingRun(const RunRequest& request, const RunServices& services)
        : request_(request), services_(services),
          recorder_(request.rig,
                    {.id = request.run_id,
                     .procedure_id = request.procedure.id,
                     .procedure_name = request.procedure.name,
                     .rig_name = request.rig.name,
                     .started_utc = request.started_utc,
                     .t0 = services.clock.now()},
                    services.observer),
          sequencer_(services.clock, services.backend, request.rig, recorder_, services.abort,
                     {.pulse = services.pulse}) {}

    RunRecord execute();

private:
    enum class Flow { go_on, stop_attempt, aborted };

    bool confirm_prerequisites();
    AttemptRecord attempt(int number, bool& aborted);
    Flow operator_step(int number, const Step& step, const OperatorStep& op, AttemptState& state);
    Flow sequence_step(int number, const Step& step, const SequenceStep& seq, AttemptState& state);
    Flow sequence_for_fob(int number, const Step& step, const SequenceStep& seq,
                          const FobUnderTest& fob, AttemptState& state);
    bool step_applies(const Step& step) const;
    void conclude(bool prerequisites_confirmed, bool aborted);
    // Waits out the slowest read-back contact's release, so that the record holds when the
    // last contacts really opened.
    void settle_contacts();
    std::string explain(const FobUnderTest& fob, const FobState& state,
                        const std::set<int>& ever_confirmed) const;

    const RunRequest& request_;
    const RunServices& services_;
    RunRecorder recorder_;
    Sequencer sequencer_;
    std::vector<AttemptState> attempts_;
};

bool ProgrammingRun::confirm_prerequisites() {
    const auto& items = request_.procedure.prerequisites;
    if (items.empty() || request_.mode == RunMode::verify) {
        return true;
    }
    std::string text = "Before starting, check:";
    for (std::size_t i = 0; i < items.size(); ++i) {
        text += " (" + std::to_string(i + 1) + ") " + items[i];
    }
    const Instant prompted = sequencer_.now();
    services_.console.prompt({.step_id = "prerequisites",
                              .text = text,
                              .action = OperatorAction::confirm,
                              .deadline = prompted + prerequisites_timeout});
    sequencer_.wait_until(prompted + prerequisites_timeout, {},
                          [&] { return services_.console.acknowledged().has_value(); });
    const auto ack = services_.console.acknowledged();
    recorder_.add(OperatorRecord{
        .step_id = "prerequisites", .prompt = text, .prompted = prompted, .acknowledged = ack});
    return ack.has_value();
}

bool ProgrammingRun::step_applies(const Step& step) const {
    if (request_.mode == RunMode::program) {
        return true;
    }
    const auto* seq = std::get_if<SequenceStep>(&step.body);
    return seq && seq->purpose == SequencePurpose::verify;
}

ProgrammingRun::Flow ProgrammingRun::operator_step(int number, const Step& step,
                                                   const OperatorStep& op, AttemptState& state) {
    recorder_.step_started({.attempt = number, .step_id = step.id, .title = step.title});
    const Instant prompted = sequencer_.now();
    const Instant deadline = prompted + op.timeout;
    services_.console.prompt(
        {.step_id = step.id, .text = op.prompt, .action = op.action, .deadline = deadline});

    const auto ignition = request_.rig.sense_index("ignition");
    std::optional<Instant> on_at;
    std::optional<Instant> off_at;
    // The step's acknowledging input, if the rig wires it: active, then inactive again.
    const auto ack_input =
        op.ack_sense.empty() ? std::nullopt : request_.rig.sense_index(op.ack_sense);
    bool ack_input_was_active = false;
    std::optional<Instant> sensed_ack;
    const auto watch_inputs = [&](const InputEdge& edge) {
        if (ack_input && edge.input == *ack_input) {
            if (edge.active) {
                ack_input_was_active = true;
            } else if (ack_input_was_active && !sensed_ack) {
                sensed_ack = edge.at;
            }
        }
        if (!ignition || edge.input != *ignition) {
            return;
        }
        if (edge.active) {
            on_at = edge.at;
            off_at.reset();
        } else if (on_at) {
            off_at = edge.at;
        }
    };
    const auto acknowledged = [&] {
        const auto by_client = services_.console.acknowledged();
        return by_client && (!sensed_ack || *by_client < *sensed_ack) ? by_client : sensed_ack;
    };
    if (!sequencer_.wait_until(deadline, watch_inputs,
                               [&] { return acknowledged().has_value(); })) {
        return Flow::aborted;
    }
    OperatorRecord record{.attempt = number,
                          .step_id = step.id,
                          .prompt = op.prompt,
                          .prompted = prompted,
                          .acknowledged = acknowledged()};
    if (on_at && off_at) {
        record.ignition_on = *off_at - *on_at;
    }
    recorder_.add(record);

    if (!record.acknowledged) {
        state.failure = "nobody confirmed '" + step.title + "' within " + duration_text(op.timeout);
        return Flow::stop_attempt;
    }
    if (ignition && op.max_ignition_on) {
        if (!record.ignition_on) {
            state.failure = "the ignition input did not see the key turn to position 1 and back "
                            "during '" +
                            step.title + "'";
            return Flow::stop_attempt;
        }
        if (*record.ignition_on > *op.max_ignition_on) {
            state.failure = "key left in for " + duration_text(*record.ignition_on) +
                            ", the car needs under " + duration_text(*op.max_ignition_on);
            return Flow::stop_attempt;
        }
    }
    state.last_end = off_at ? *off_at : *record.acknowledged;
    state.last_end_what = off_at ? "the key was removed" : "'" + step.title + "' was confirmed";
    return Flow::go_on;
}

ProgrammingRun::Flow ProgrammingRun::sequence_for_fob(int number, const Step& step,
                                                      const SequenceStep& seq,
                                                      const FobUnderTest& fob,
                                                      AttemptState& state) {
    FobState& fob_state = state.fobs[fob.slot];
    if (seq.purpose == SequencePurpose::verify && request_.mode == RunMode::program &&
        !fob_state.programmed) {
        return Flow::go_on; // the car did not take it; pressing it again only spends codes
    }
    recorder_.step_started(
        {.attempt = number, .step_id = step.id, .title = step.title, .slot = fob.slot});
    const SequencePlan plan = plan_sequence(step.id, seq, request_.rig, fob.slot);
    // A slow switch is commanded before the anchor; the pause makes room for that.
    const Instant anchor = sequencer_.now() + std::max(seq.start_after, plan.lead());
    if (seq.start_within > Duration::zero() && !plan.edges.empty() &&
        anchor + plan.edges.front().contact - state.last_end > seq.start_within) {
        state.failure = plan.edges.front().action + " would come " +
                        duration_text(anchor + plan.edges.front().contact - state.last_end) +
                        " after " + state.last_end_what + ", the car needs under " +
                        duration_text(seq.start_within);
        return Flow::stop_attempt;
    }
    const auto mark_end = [&] {
        state.last_end = sequencer_.now();
        state.last_end_what = "the previous fob's release";
    };
    // A stall stops the attempt (the procedure's retry decides what then).
    const auto stopped = [&](Played played) {
        if (played == Played::stalled) {
            state.failure = "stopped by " + sequencer_.stall() + " (" + fob_name(fob) + ", " +
                            step.title + "); every output was opened at once";
            return Flow::stop_attempt;
        }
        return Flow::aborted;
    };
    if (!seq.confirm) {
        const Played played = sequencer_.play(plan, anchor);
        mark_end();
        return played == Played::whole ? Flow::go_on : stopped(played);
    }

    // The window opens at the named action (a car may answer a verify press before its lift).
    const Confirmation& confirm = *seq.confirm;
    Duration opens = plan.last_edge();
    for (const auto& edge : plan.edges) {
        if (!confirm.after.empty() && edge.action == confirm.after) {
            opens = edge.contact;
        }
    }
    ConfirmationWatch watch(request_.procedure, request_.rig, confirm, anchor + opens,
                            confirm.after.empty() ? plan.edges.back().action : confirm.after);
    const auto feed = [&](const InputEdge& edge) { watch.feed(edge); };
    if (const Played played = sequencer_.play(plan, anchor, feed); played != Played::whole) {
        return stopped(played);
    }
    mark_end();
    // An indicator's answer is known only once its gap has passed, possibly after the window.
    for (;;) {
        watch.settle(sequencer_.now());
        const Instant look = watch.next_look();
        if (watch.complete() || sequencer_.now() >= look) {
            break;
        }
        if (!sequencer_.wait_until(look, feed,
                                   [&] { return watch.complete() || watch.next_look() < look; })) {
            return Flow::aborted;
        }
    }
    const ConfirmationResult result = watch.result();
    recorder_.add(CheckRecord{.attempt = number,
                              .step_id = step.id,
                              .slot = fob.slot,
                              .passed = result.confirmed,
                              .decided = sequencer_.now(),
                              .latency = result.latency,
                              .reason = result.reason});
    state.reached_a_check = true;
    if (seq.purpose == SequencePurpose::program) {
        fob_state.programmed = result.confirmed;
    } else {
        fob_state.verify_ran = true;
        fob_state.verify_passed = fob_state.verify_passed && result.confirmed;
    }
    if (!result.confirmed && fob_state.failure.empty()) {
        fob_state.failure = step.title + ": " + result.reason;
    }
    return Flow::go_on;
}

ProgrammingRun::Flow ProgrammingRun::sequence_step(int number, const Step& step,
                                                   const SequenceStep& seq, AttemptState& state) {
    const auto& fobs = request_.fobs;
    const std::size_t count = seq.each_fob ? fobs.size() : 1;
    for (std::size_t i = 0; i < count; ++i) {
        if (const Flow flow = sequence_for_fob(number, step, seq, fobs[i], state);
            flow != Flow::go_on) {
            return flow;
        }
    }
    return Flow::go_on;
}

AttemptRecord ProgrammingRun::attempt(int number, bool& aborted) {
    AttemptState state{.last_end = sequencer_.now(), .last_end_what = "the attempt began"};
    sequencer_.set_attempt(number);
    for (const auto& step : request_.procedure.steps) {
        if (!step_applies(step)) {
            continue;
        }
        const Flow flow = std::visit(
            [&](const auto& body) {
                if constexpr (std::is_same_v<std::decay_t<decltype(body)>, OperatorStep>) {
                    return operator_step(number, step, body, state);
                } else {
                    return sequence_step(number, step, body, state);
                }
            },
            step.body);
        if (flow == Flow::aborted) {
            aborted = true;
            break;
        }
        if (flow == Flow::stop_attempt) {
            break;
        }
    }
    attempts_.push_back(state);

    AttemptRecord record{.number = number, .passed = !aborted && state.failure.empty()};
    std::string failures = state.failure;
    for (const auto& fob : request_.fobs) {
        const FobState& fs = state.fobs[fob.slot];
        const bool ok = request_.mode == RunMode::verify ? fs.verify_ran && fs.verify_passed
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

std::string ProgrammingRun::explain(const FobUnderTest& fob, const FobState& state,
                                    const std::set<int>& ever_confirmed) const {
    const AttemptState& last = attempts_.back();
    if (!last.failure.empty()) {
        return last.failure;
    }
    const std::string attempts =
        std::to_string(attempts_.size()) + (attempts_.size() == 1 ? " attempt" : " attempts");
    if (request_.mode == RunMode::program && !ever_confirmed.contains(fob.slot)) {
        if (ever_confirmed.empty()) {
            return "no fob was confirmed in " + attempts + " (last: " + state.failure +
                   "): check the car's receiver. " + request_.procedure.on_failure;
        }
        std::string others;
        for (const int slot : ever_confirmed) {
            others += (others.empty() ? "slot " : ", slot ") + std::to_string(slot);
        }
        return "never confirmed in " + attempts + " while " + others +
               " was: the car does not hear this fob; check its battery, or the fob itself";
    }
    return state.failure.empty() ? "not checked" : state.failure;
}

void ProgrammingRun::settle_contacts() {
    std::optional<Duration> slowest;
    for (const OutputChannel& output : request_.rig.outputs) {
        if (output.readback) {
            slowest = std::max(slowest.value_or(Duration{}), output.release_latency);
        }
    }
    if (slowest) {
        sequencer_.wait_until(sequencer_.now() + *slowest + contact_bounce_allowance);
    }
}

void ProgrammingRun::conclude(bool prerequisites_confirmed, bool aborted) {
    RunRecord& record = recorder_.record();
    std::set<int> ever_confirmed;
    for (const auto& attempt : attempts_) {
        for (const auto& [slot, state] : attempt.fobs) {
            if (state.programmed || (state.verify_ran && state.verify_passed)) {
                ever_confirmed.insert(slot);
            }
        }
    }
    std::vector<std::string> reasons;
    for (const auto& fob : request_.fobs) {
        FobVerdict verdict{.slot = fob.slot, .label = fob.label};
        if (!attempts_.empty()) {
            const FobState state = attempts_.back().fobs[fob.slot];
            verdict.programmed = state.programmed;
            verdict.verified = state.verify_ran && state.verify_passed;
            verdict.passed =
                verdict.verified && (request_.mode == RunMode::verify || verdict.programmed);
            if (!verdict.passed && !aborted) {
                verdict.reason = explain(fob, state, ever_confirmed);
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
        !aborted && prerequisites_confirmed && !attempts_.empty() && record.attempts.back().passed;
    record.outcome = aborted  ? RunOutcome::aborted
                     : passed ? RunOutcome::passed
                              : RunOutcome::failed;
    if (passed) {
        record.reason = "every fob " +
                        std::string(request_.mode == RunMode::program
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

RunRecord ProgrammingRun::execute() {
    bool aborted = false;
    bool prerequisites_confirmed = false;
    try {
        prerequisites_confirmed = confirm_prerequisites();
        aborted = services_.abort.load();
        const int max_attempts =
            request_.mode == RunMode::program ? request_.procedure.retry.max_attempts : 1;
        for (int number = 1; prerequisites_confirmed && !aborted && number <= max_attempts;
             ++number) {
            const AttemptRecord record = attempt(number, aborted);
            recorder_.add(record);
            if (record.passed || aborted) {
                break;
            }
            if (number < max_attempts &&
                !sequencer_.wait_until(sequencer_.now() + request_.procedure.retry.pause)) {
                aborted = true;
            }
        }
        sequencer_.release_all("end of run");
        settle_contacts();
        conclude(prerequisites_confirmed, aborted);
    } catch (const std::exception& error) {
        sequencer_.release_all("error");
        RunRecord& record = recorder_.record();
        record.outcome = RunOutcome::failed;
        record.reason = std::string("the run stopped on an error: ") + error.what();
    }
    return recorder_.record();
}

} // namespace

std::vector<FobUnderTest> fobs_in_slots(const Rig& rig, const std::vector<int>& slots,
                                        const std::map<int, std::string>& labels) {
    std::vector<FobUnderTest> fobs;
    for (const int slot : slots.empty() ? rig.slots : slots) {
        const auto label = labels.find(slot);
        fobs.push_back({slot, label == labels.end() ? "" : label->second});
    }
    return fobs;
}

std::vector<std::string> run_refusals(const RunRequest& request) {
    std::vector<std::string> refusals;
    if (request.fobs.empty()) {
        refusals.emplace_back("no fob slots were given");
    }
    std::vector<int> slots;
    std::set<int> seen;
    for (const auto& fob : request.fobs) {
        if (!seen.insert(fob.slot).second) {
            refusals.push_back("slot " + std::to_string(fob.slot) + " is given twice");
        }
        slots.push_back(fob.slot);
    }
    const int max_keys = request.procedure.applies_to.max_keys;
    if (request.mode == RunMode::program && max_keys > 0 &&
        request.fobs.size() > static_cast<std::size_t>(max_keys)) {
        refusals.push_back("the car keeps at most " + std::to_string(max_keys) +
                           " keys and a session erases every key not programmed in it: program "
                           "at most " +
                           std::to_string(max_keys) + " fobs at once");
    }
    for (const auto& problem : check_procedure_against_rig(request.procedure, request.rig, slots)) {
        refusals.push_back(problem.message);
    }
    return refusals;
}

RunRecord run_procedure(const RunRequest& request, const RunServices& services) {
    if (const auto refusals = run_refusals(request); !refusals.empty()) {
        std::string text;
        for (const auto& refusal : refusals) {
            text += (text.empty() ? "" : "; ") + refusal;
        }
        throw std::invalid_argument(text);
    }
    ProgrammingRun run(request, services);
    return run.execute();
}

} // namespace fobrig
