#include "rig/core/programming_run_answer.hpp"

#include "rig/core/procedure_events.hpp"
#include "rig/core/programming_run_windows.hpp"
#include "rig/core/run_prepared.hpp"
#include "rig/core/text_append.hpp"

#include <algorithm>

namespace fobrig {
namespace {

// The sense edges of this attempt the step's own wait took in from `from` on: the car may have
// begun its answer in the same batch as the edge that ended the step.
void replay_sensed(const RunRecord& record, const Rig& rig, int attempt, Instant from,
                   ConfirmationWatch& watch) {
    const std::string_view prefix = "sense.";
    for (const SensedEdge& edge : record.sensed) {
        const std::string& name = record.lines[edge.line].name;
        if (edge.attempt != attempt || edge.at < from || !name.starts_with(prefix)) {
            continue;
        }
        if (const auto input = rig.sense_index(name.substr(prefix.size()))) {
            watch.feed({.input = *input, .active = edge.active, .at = edge.at});
        }
    }
}

// Whether the procedure's program step comes after `step`: an answer before it is the car
// saying it entered programming mode.
bool before_program_step(const Procedure& procedure, const Step& step) {
    for (const Step& other : procedure.steps) {
        if (&other == &step) {
            return true;
        }
        const auto* seq = std::get_if<SequenceStep>(&other.body);
        if (seq != nullptr && seq->purpose == SequencePurpose::program) {
            return false;
        }
    }
    return false;
}

} // namespace

bool await_answer(Sequencer& sequencer, ConfirmationWatch& watch) {
    const auto feed = [&](const InputEdge& edge) { watch.feed(edge); };
    // An indicator's answer is known only once its gap has passed, possibly after the window.
    for (;;) {
        watch.settle(sequencer.now());
        const Instant look = watch.next_look();
        if (watch.complete() || sequencer.now() >= look) {
            return true;
        }
        if (!sequencer.wait_until(look, feed,
                                  [&] { return watch.complete() || watch.next_look() < look; })) {
            return false;
        }
    }
}

Flow await_operator_answer(RunContext& run, int attempt, const Step& step,
                           const Confirmation& confirm, AttemptState& state) {
    const Procedure& procedure = run.request.procedure;
    const Instant opened = state.last_end;
    ConfirmationWatch& watch = run.prepared.watch(confirm);
    watch.restart(opened);
    replay_sensed(run.recorder.record(), run.request.rig, attempt, opened, watch);
    if (!await_answer(run.sequencer, watch)) {
        return Flow::aborted;
    }
    const ConfirmationResult& result = watch.result();
    CheckRecord check = run.prepared.take_check(attempt, step, std::nullopt);
    check.passed = result.confirmed;
    check.decided = run.sequencer.now();
    check.latency = result.latency;
    check.reason = result.reason;
    run.recorder.add(std::move(check));
    if (!result.confirmed) {
        set_text(state.failure,
                 before_program_step(procedure, step)
                     ? "the car never showed it entered programming mode: "
                     : "the car did not answer as the procedure says: ",
                 result.reason);
        return Flow::stop_attempt;
    }
    note_event(procedure, state, step.id, answer_event, opened + *result.latency);
    return state.failure.empty() ? Flow::go_on : Flow::stop_attempt;
}

} // namespace fobrig
