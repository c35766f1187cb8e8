// Prompts, acknowledgements by a client or by a sense input, and the ignition's timing.
#include "rig/core/programming_run_operator.hpp"

#include "rig/core/procedure_events.hpp"
#include "rig/core/programming_run_answer.hpp"
#include "rig/core/programming_run_counted.hpp"
#include "rig/core/programming_run_hold.hpp"
#include "rig/core/programming_run_windows.hpp"
#include "rig/core/run_prepared.hpp"
#include "rig/core/text_append.hpp"

namespace fobrig {

namespace {

// The limit of the procedure's window that this step closes, in words ("1 to 4 s after press
// of Press lock"), or empty.
std::string window_limit(const Procedure& procedure, const Step& step) {
    for (const Window& window : procedure.windows) {
        if (window.to == step.id) {
            return window_text(window) + " after " + event_text(procedure, window.from);
        }
    }
    return {};
}

// The ignition's edge that does a one-way turn of the key: on for ignition-on, off for
// ignition-off; none for the other actions.
std::optional<bool> one_way_turn(OperatorAction action) {
    if (action == OperatorAction::ignition_on || action == OperatorAction::ignition_off) {
        return action == OperatorAction::ignition_on;
    }
    return std::nullopt;
}

// How long the operator has to confirm the prerequisites before the run gives up.
constexpr Duration prerequisites_timeout = std::chrono::minutes(10);

} // namespace

bool confirm_prerequisites(RunContext& run) {
    const auto& items = run.request.procedure.prerequisites;
    if (items.empty() || run.request.mode == RunMode::verify) {
        return true;
    }
    std::string text = "Before starting, check:";
    for (std::size_t i = 0; i < items.size(); ++i) {
        text += " (" + std::to_string(i + 1) + ") " + items[i];
    }
    OperatorConsole& console = run.services.console;
    const Instant prompted = run.sequencer.now();
    console.prompt({.step_id = "prerequisites",
                    .text = text,
                    .action = OperatorAction::confirm,
                    .deadline = prompted + prerequisites_timeout});
    run.sequencer.wait_until(prompted + prerequisites_timeout, {},
                             [&] { return console.acknowledged().has_value(); });
    const auto ack = console.acknowledged();
    run.recorder.add(OperatorRecord{
        .step_id = "prerequisites", .prompt = text, .prompted = prompted, .acknowledged = ack});
    return ack.has_value();
}

OperatorPrompt prepared_prompt(const Procedure& procedure, const Step& step,
                               const OperatorStep& op) {
    OperatorPrompt prompt{.step_id = step.id, .text = op.prompt, .action = op.action};
    if (op.count > 0) {
        prompt.car_limit = counted_limit(op);
        prompt.count = op.count;
    } else {
        prompt.car_limit =
            op.max_ignition_on
                ? "key out within " + duration_text(*op.max_ignition_on) + " of turning it on"
                : window_limit(procedure, step);
    }
    return prompt;
}

namespace {

// A step done once: a prompt, acknowledged by a client or by the step's sense input.
Flow run_uncounted_step(RunContext& run, int attempt, const Step& step, const OperatorStep& op,
                        AttemptState& state) {
    tell_step_started(run, attempt, step);
    const Instant prompted = run.sequencer.now();
    const Instant deadline = prompted + op.timeout;
    const Rig& rig = run.request.rig;
    const auto ignition = rig.sense_index("ignition");
    OperatorConsole& console = run.services.console;
    OperatorPrompt& prompt = run.prepared.prompt(step);
    prompt.deadline = deadline;
    console.prompt(prompt);
    // With an ignition input the car's clock is seen to start: the countdown follows it.
    const bool clock_seen = ignition && op.max_ignition_on;
    std::size_t ignition_edges = 0;
    std::optional<Instant> on_at;
    std::optional<Instant> off_at;
    // The step's acknowledging input, if the rig wires it: active, then inactive again.
    const auto ack_input = op.ack_sense.empty() ? std::nullopt : rig.sense_index(op.ack_sense);
    bool ack_input_was_active = false;
    std::optional<Instant> sensed_ack;
    // ignition-on and ignition-off: the ignition input's edge that way is the step done.
    const std::optional<bool> turn = ignition ? one_way_turn(op.action) : std::nullopt;
    std::optional<Instant> turned_at;
    const auto watch_inputs = [&](const InputEdge& edge) {
        if (turn && edge.input == *ignition && edge.active == *turn && !turned_at) {
            turned_at = edge.at;
        }
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
        ++ignition_edges;
        if (edge.active) {
            on_at = edge.at;
            off_at.reset();
        } else if (on_at) {
            off_at = edge.at;
        }
        if (clock_seen && (edge.active || off_at)) {
            CarClock& clock = run.prepared.car_clock(step);
            clock.deadline =
                edge.active ? std::optional(edge.at + *op.max_ignition_on) : std::nullopt;
            console.car_clock(clock);
        }
    };
    const auto acknowledged = [&] {
        const auto by_client = console.acknowledged();
        const auto sensed = turned_at ? turned_at : sensed_ack;
        return by_client && (!sensed || *by_client < *sensed) ? by_client : sensed;
    };
    if (!run.sequencer.wait_until(deadline, watch_inputs,
                                  [&] { return acknowledged().has_value(); })) {
        return Flow::aborted;
    }
    // Confirmed before the key was out: the ignition input judges the step, so its edges are
    // awaited (to the step's deadline) rather than the step failed on the early Enter.
    if (ignition && op.max_ignition_on && !off_at && acknowledged() &&
        !run.sequencer.wait_until(deadline, watch_inputs, [&] { return off_at.has_value(); })) {
        return Flow::aborted;
    }
    // Likewise a one-way turn: its edge, not the Enter, is when the car saw the key turn.
    if (turn && !turned_at && acknowledged() &&
        !run.sequencer.wait_until(deadline, watch_inputs, [&] { return turned_at.has_value(); })) {
        return Flow::aborted;
    }
    OperatorRecord record = run.prepared.take_operator_record(attempt, step);
    record.prompted = prompted;
    record.acknowledged = acknowledged();
    if (on_at && off_at) {
        record.ignition_on = *off_at - *on_at;
    }
    // When the rig sensed the step done, for the record and the procedure's windows.
    if (turned_at) {
        record.sensed = turned_at;
    } else if (op.action == OperatorAction::ignition_cycle && ignition && off_at) {
        record.sensed = off_at;
    } else if (sensed_ack && sensed_ack == record.acknowledged) {
        record.sensed = sensed_ack;
    }
    run.recorder.add(std::move(record));
    const OperatorRecord& done = run.recorder.record().operator_steps.back();

    // What the ignition input saw, for a failure's reason: the operator learns whether the key
    // was never seen, or seen in and never out.
    std::string& failure = state.failure;
    const auto ignition_saw = [&] {
        if (ignition && ignition_edges == 0) {
            append(failure, "; the ignition input saw no change in ",
                   duration_text(run.sequencer.now() - prompted));
        } else if (ignition && on_at && !off_at) {
            append(failure, "; the ignition input saw the key turn on ",
                   duration_text(*on_at - prompted), " after the prompt and never back off");
        }
        return Flow::stop_attempt;
    };
    if (!done.acknowledged) {
        set_text(failure, "nobody confirmed '", step.title, "' within ", duration_text(op.timeout));
        return ignition_saw();
    }
    if (ignition && op.max_ignition_on) {
        if (!done.ignition_on) {
            set_text(failure,
                     "the ignition input did not see the key turn to position 1 and back during '",
                     step.title, "'");
            return ignition_saw();
        }
        if (*done.ignition_on > *op.max_ignition_on) {
            set_text(failure, "key left in for ", duration_text(*done.ignition_on),
                     ", the car needs under ", duration_text(*op.max_ignition_on));
            return Flow::stop_attempt;
        }
    }
    if (turn && !turned_at) {
        set_text(failure, "the ignition input did not see the key turn ", *turn ? "on" : "off",
                 " during '", step.title, "'");
        return ignition_saw();
    }
    if (op.action == OperatorAction::ignition_cycle) {
        state.session_since.reset(); // the key's turn ended the session, or began a new one
    }
    // A step only a person acknowledged was not sensed: no window is judged on it.
    if (done.sensed) {
        note_event(run.request.procedure, state, step.id, {}, *done.sensed);
        if (!state.failure.empty()) {
            return Flow::stop_attempt;
        }
    }
    state.last_end = off_at ? *off_at : turned_at ? *turned_at : *done.acknowledged;
    using What = LastEnd::What;
    state.last_end_what = {
        .what = off_at      ? What::key_removed
                : turned_at ? (*turn ? What::ignition_turned_on : What::ignition_turned_off)
                            : What::step_confirmed,
        .step = &step};
    return Flow::go_on;
}

} // namespace

Flow run_operator_step(RunContext& run, int attempt, const Step& step, const OperatorStep& op,
                       AttemptState& state) {
    Flow flow = close_holds(run, step, op, state);
    if (flow == Flow::go_on) {
        flow = op.count > 0 ? run_counted_step(run, attempt, step, op, state)
                            : run_uncounted_step(run, attempt, step, op, state);
    }
    // A switch held for this step alone is let go before the car answers (GM: release, then
    // 3 chimes).
    if (flow == Flow::go_on) {
        flow = open_holds(run, &step, state);
    }
    return flow == Flow::go_on && op.confirm
               ? await_operator_answer(run, attempt, step, *op.confirm, state)
               : flow;
}

} // namespace fobrig
