#include "rig/core/programming_run_counted.hpp"

#include "rig/core/programming_run_windows.hpp"
#include "rig/core/run_prepared.hpp"
#include "rig/core/text_append.hpp"

namespace fobrig {

namespace {

// What one counted turn is, in words, for reasons: "turns of the ignition to on".
const char* turns_text(OperatorAction action) {
    switch (action) {
    case OperatorAction::key_cycle:
        return "insertions of the key";
    case OperatorAction::door_cycle:
        return "openings of the door";
    default:
        return "turns of the ignition to on";
    }
}

// The input's level a counted step ends at, in words: "on", "in", "open" or their opposites.
const char* end_text(const OperatorStep& op) {
    switch (op.action) {
    case OperatorAction::key_cycle:
        return op.end_active ? "in" : "out";
    case OperatorAction::door_cycle:
        return op.end_active ? "open" : "closed";
    default:
        return op.end_active ? "on" : "off";
    }
}

} // namespace

std::string counted_limit(const OperatorStep& op) {
    if (!op.within && op.count <= 1) {
        return {}; // one turn, untimed: nothing to count against
    }
    // The end is judged with or without a time limit, so it is said either way.
    std::string limit = std::to_string(op.count) + " " + turns_text(op.action);
    if (op.within) {
        limit += " within " + duration_text(*op.within);
    }
    return limit + ", ending " + end_text(op);
}

Flow run_counted_step(RunContext& run, int attempt, const Step& step, const OperatorStep& op,
                      AttemptState& state) {
    tell_step_started(run, attempt, step);
    const Instant prompted = run.sequencer.now();
    const Instant deadline = prompted + op.timeout;
    const auto input = run.request.rig.sense_index(std::string(counted_role(op.action)));
    OperatorConsole& console = run.services.console;
    OperatorPrompt& prompt = run.prepared.prompt(step);
    prompt.deadline = deadline;
    prompt.done = 0;
    console.prompt(prompt);
    OperatorRecord record = run.prepared.take_operator_record(attempt, step);
    record.prompted = prompted;
    if (!input) {
        // Nothing to count with: a person says it was done, and the record says it was not
        // sensed.
        if (!run.sequencer.wait_until(deadline, {},
                                      [&] { return console.acknowledged().has_value(); })) {
            return Flow::aborted;
        }
        record.acknowledged = console.acknowledged();
        const std::optional<Instant> acknowledged = record.acknowledged;
        run.recorder.add(std::move(record));
        if (!acknowledged) {
            set_text(state.failure, "nobody confirmed '", step.title, "' within ",
                     duration_text(op.timeout));
            return Flow::stop_attempt;
        }
        state.last_end = *acknowledged;
        state.last_end_what = {.what = LastEnd::What::step_confirmed, .step = &step};
        return Flow::go_on;
    }
    std::optional<Instant> first;
    std::optional<Instant> last; // the count-th turn
    std::optional<Instant> ended;
    bool active = false;
    const auto watch = [&](const InputEdge& edge) {
        if (edge.input != *input || ended) {
            return;
        }
        active = edge.active;
        if (edge.active && prompt.done < op.count) {
            ++prompt.done;
            first = first.value_or(edge.at);
            last = edge.at;
            console.counted(prompt);
        }
        if (prompt.done == op.count && active == op.end_active) {
            ended = op.end_active ? *last : edge.at;
        }
    };
    if (!run.sequencer.wait_until(deadline, watch, [&] { return ended.has_value(); })) {
        return Flow::aborted;
    }
    record.acknowledged = ended;
    record.sensed = ended;
    run.recorder.add(std::move(record));
    if (!ended) {
        set_text(state.failure, "'", step.title, "': the ", counted_role(op.action),
                 " input counted ", std::to_string(prompt.done), " of ", std::to_string(op.count),
                 " ", turns_text(op.action), " in ", duration_text(op.timeout));
        if (prompt.done == op.count) {
            append(state.failure, ", and it did not end ", end_text(op));
        }
        return Flow::stop_attempt;
    }
    if (op.within && *last - *first > *op.within) {
        set_text(state.failure, "'", step.title, "': ", std::to_string(op.count), " ",
                 turns_text(op.action), " took ", duration_text(*last - *first),
                 ", the car needs them within ", duration_text(*op.within));
        return Flow::stop_attempt;
    }
    note_event(run.request.procedure, state, step.id, {}, *ended);
    if (!state.failure.empty()) {
        return Flow::stop_attempt;
    }
    if (op.action == OperatorAction::ignition_cycle) {
        state.session_since.reset();
    }
    state.last_end = *ended;
    state.last_end_what = {.what = LastEnd::What::step_counted, .step = &step};
    return Flow::go_on;
}

} // namespace fobrig
