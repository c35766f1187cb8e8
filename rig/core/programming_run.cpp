#include "rig/core/programming_run.hpp"

#include "rig/core/applicability.hpp"
#include "rig/core/procedure_check.hpp"
#include "rig/core/programming_run_hold.hpp"
#include "rig/core/programming_run_operator.hpp"
#include "rig/core/programming_run_sequence.hpp"
#include "rig/core/programming_run_verdict.hpp"
#include "rig/core/run_prepared.hpp"
#include "rig/core/text_append.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

namespace fobrig {

namespace {

std::vector<int> slots_of(const std::vector<FobUnderTest>& fobs) {
    std::vector<int> slots;
    for (const FobUnderTest& fob : fobs) {
        slots.push_back(fob.slot);
    }
    return slots;
}

// How long an opened contact may bounce after its release latency (relays settle within a few
// milliseconds).
constexpr Duration contact_bounce_allowance = milliseconds(20);

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
                     {.pulse = services.pulse}),
          plans_(request.procedure, request.rig, slots_of(request.fobs),
                 [&request](const Step& step) { return step_applies(request, step); }),
          prepared_(request, plans_, recorder_) {}

    RunRecord execute();

private:
    AttemptRecord attempt(int number, bool& aborted);
    // The retry's pause, after the car's session if attempt `last` stopped inside one.
    Instant next_attempt_at(const AttemptState& last);
    // Waits out the slowest read-back contact's release, so that the record holds when the
    // last contacts really opened.
    void settle_contacts();

    const RunRequest& request_;
    const RunServices& services_;
    RunRecorder recorder_;
    Sequencer sequencer_;
    RunPlans plans_;
    RunPrepared prepared_;
    RunContext context_{request_, services_, recorder_, sequencer_, plans_, prepared_};
};

AttemptRecord ProgrammingRun::attempt(int number, bool& aborted) {
    AttemptState& state = prepared_.attempt(number);
    state.last_end = sequencer_.now();
    sequencer_.set_attempt(number);
    for (const auto& step : request_.procedure.steps) {
        if (!step_applies(request_, step)) {
            continue;
        }
        Flow flow = std::visit(
            [&](const auto& body) {
                if constexpr (std::is_same_v<std::decay_t<decltype(body)>, OperatorStep>) {
                    return run_operator_step(context_, number, step, body, state);
                } else {
                    return run_sequence_step(context_, number, step, body, state);
                }
            },
            step.body);
        if (flow == Flow::go_on) {
            flow = open_holds(context_, &step, state);
        }
        if (flow == Flow::aborted) {
            aborted = true;
            break;
        }
        if (flow == Flow::stop_attempt) {
            break;
        }
    }
    if (open_holds(context_, nullptr, state) == Flow::aborted) {
        aborted = true;
    }
    return judge_attempt(request_, prepared_.take_attempt_record(number), state, aborted);
}

Instant ProgrammingRun::next_attempt_at(const AttemptState& last) {
    const Procedure& procedure = request_.procedure;
    Instant from = sequencer_.now();
    if (const auto& since = last.session_since; since && procedure.car_session) {
        from = std::max(from, *since + *procedure.car_session);
    }
    return from + procedure.retry.pause;
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

RunRecord ProgrammingRun::execute() {
    bool aborted = false;
    bool prerequisites_confirmed = false;
    try {
        prerequisites_confirmed = confirm_prerequisites(context_);
        aborted = services_.abort.load();
        const int max_attempts = fobrig::max_attempts(request_);
        int made = 0;
        for (int number = 1; prerequisites_confirmed && !aborted && number <= max_attempts;
             ++number) {
            recorder_.add(attempt(number, aborted));
            made = number;
            const AttemptState& state = prepared_.attempt(number);
            if (std::ranges::none_of(state.fobs, &FobState::programmed)) {
                ++context_.variants_moved_on;
            }
            if (aborted || !worth_retrying(request_, state)) {
                break;
            }
            if (number < max_attempts && !sequencer_.wait_until(next_attempt_at(state))) {
                aborted = true;
            }
        }
        sequencer_.open_all("end of run");
        settle_contacts();
        std::vector<AttemptState>& attempts = prepared_.attempts();
        attempts.resize(static_cast<std::size_t>(made));
        conclude_run(request_, attempts, prerequisites_confirmed, aborted, recorder_.record());
    } catch (const std::exception& error) {
        sequencer_.open_all("error");
        RunRecord& record = recorder_.record();
        record.outcome = RunOutcome::failed;
        record.reason = std::string("the run stopped on an error: ") + error.what();
    }
    return recorder_.record();
}

} // namespace

bool step_applies(const RunRequest& request, const Step& step) {
    if (step.fob > static_cast<int>(request.fobs.size())) {
        return false; // a repetition for a fob the session does not have
    }
    if (request.mode == RunMode::program) {
        return true;
    }
    const auto* seq = std::get_if<SequenceStep>(&step.body);
    return seq && seq->purpose == SequencePurpose::verify;
}

int max_attempts(const RunRequest& request) {
    return request.mode == RunMode::program ? request.procedure.retry.max_attempts : 1;
}

StepStarted step_started_event(const RunRequest& request, const Step& step) {
    StepStarted event{
        .step_id = step.id, .title = step.title, .attempt_count = max_attempts(request)};
    for (const Step& each : request.procedure.steps) {
        if (step_applies(request, each)) {
            ++event.step_count;
            event.step_number += &each <= &step ? 1 : 0;
        }
    }
    return event;
}

void tell_step_started(RunContext& run, int attempt, const Step& step, int slot) {
    StepStarted& event = run.prepared.started(step);
    event.attempt = attempt;
    event.slot = slot;
    run.recorder.step_started(event);
}

std::size_t fob_index(const RunRequest& request, const FobUnderTest& fob) {
    return static_cast<std::size_t>(&fob - request.fobs.data());
}

void append_last_end(std::string& text, const LastEnd& last) {
    switch (last.what) {
    case LastEnd::What::attempt_began:
        return append(text, "the attempt began");
    case LastEnd::What::previous_fob_released:
        return append(text, "the previous fob's release");
    case LastEnd::What::key_removed:
        return append(text, "the key was removed");
    case LastEnd::What::ignition_turned_on:
        return append(text, "the ignition was turned on");
    case LastEnd::What::ignition_turned_off:
        return append(text, "the ignition was turned off");
    case LastEnd::What::step_confirmed:
        return append(text, "'", last.step->title, "' was confirmed");
    case LastEnd::What::step_counted:
        return append(text, "'", last.step->title, "' was counted done");
    }
}

std::string slots_text(const std::vector<FobUnderTest>& fobs) {
    std::string text;
    for (const auto& fob : fobs) {
        text += (text.empty() ? "" : ",") + std::to_string(fob.slot);
    }
    return text;
}

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
    const Applicability& car = request.procedure.applies_to;
    if (request.mode == RunMode::program && car.max_keys > 0 &&
        request.fobs.size() > static_cast<std::size_t>(car.max_keys)) {
        refusals.push_back(key_table_text(car) + ": program at most " +
                           std::to_string(car.max_keys) + " fobs at once");
    }
    for (const Step& step : request.procedure.steps) {
        const auto* seq = std::get_if<SequenceStep>(&step.body);
        if (request.mode == RunMode::program && seq && seq->purpose == SequencePurpose::program &&
            !seq->each_fob && step.fob == 0 && request.fobs.size() > 1) {
            refusals.push_back("step '" + step.id +
                               "' programs one fob (each_fob = false): give one slot");
        }
    }
    if (request.mode == RunMode::verify &&
        std::ranges::none_of(request.procedure.steps, [](const Step& step) {
            const auto* seq = std::get_if<SequenceStep>(&step.body);
            return seq && seq->purpose == SequencePurpose::verify && seq->confirm;
        })) {
        refusals.push_back("procedure '" + request.procedure.id +
                           "' has no verify step that checks the car's answer");
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
