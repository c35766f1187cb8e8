// Plays a sequence for a fob at its anchor, then waits for the car's answer in its window.
#include "rig/core/programming_run_sequence.hpp"

#include "rig/core/procedure_events.hpp"
#include "rig/core/programming_run_answer.hpp"
#include "rig/core/programming_run_windows.hpp"
#include "rig/core/run_prepared.hpp"
#include "rig/core/text_append.hpp"

#include <algorithm>

namespace fobrig {

namespace {

// The step as this attempt plays it (`way`: its variant's presses, windows and answer), for
// `fob`, along `plan`.
Flow sequence_for_fob(RunContext& run, int attempt, const Step& step, const PlayedWay& way,
                      const FobUnderTest& fob, const SequencePlan& plan, AttemptState& state) {
    const SequenceStep& seq = way.step;
    const std::size_t fob_at = fob_index(run.request, fob);
    FobState& fob_state = state.fobs[fob_at];
    if (seq.purpose == SequencePurpose::verify && run.request.mode == RunMode::program &&
        !fob_state.programmed) {
        return Flow::go_on; // the car did not take it; pressing it again only spends codes
    }
    Sequencer& sequencer = run.sequencer;
    tell_step_started(run, attempt, step, fob.slot);
    // A slow switch is commanded before the anchor; the pause makes room for that.
    const Instant anchor = sequencer.now() + std::max(seq.start_after, plan.lead());
    if (seq.start_within > Duration::zero() && !plan.edges.empty() &&
        anchor + plan.edges.front().contact - state.last_end > seq.start_within) {
        set_text(state.failure, plan.edges.front().action, " would come ",
                 duration_text(anchor + plan.edges.front().contact - state.last_end), " after ");
        append_last_end(state.failure, state.last_end_what);
        append(state.failure, ", the car needs under ", duration_text(seq.start_within));
        return Flow::stop_attempt;
    }
    const Procedure& procedure = run.request.procedure;
    std::size_t commanded_before = run.recorder.record().commanded.size();
    // The actions' events, for the procedure's windows; a broken one stops the attempt.
    const auto note_played = [&] {
        note_actions(procedure, run.recorder.record(), commanded_before, step, fob.slot, state);
        commanded_before = run.recorder.record().commanded.size();
        return state.failure.empty();
    };
    const auto mark_end = [&] {
        state.last_end = sequencer.now();
        state.last_end_what = {.what = LastEnd::What::previous_fob_released};
        if (seq.purpose == SequencePurpose::program) {
            state.session_since = state.last_end;
        }
    };
    // A stall stops the attempt (the procedure's retry decides what then).
    const auto stopped = [&](Played played) {
        if (played == Played::stalled) {
            set_text(state.failure, "stopped by ", sequencer.stall(), " (");
            append_fob_name(state.failure, fob);
            append(state.failure, ", ", step.title, "); every output was opened at once");
            return Flow::stop_attempt;
        }
        return Flow::aborted;
    };
    if (!seq.confirm) {
        const Played played = sequencer.play(plan, anchor);
        mark_end();
        if (played != Played::whole) {
            return stopped(played);
        }
        return note_played() ? Flow::go_on : Flow::stop_attempt;
    }

    // The window opens at the named action (a car may answer a verify press before its lift).
    const Confirmation& confirm = *seq.confirm;
    Duration opens = plan.last_edge();
    for (const auto& edge : plan.edges) {
        if (!confirm.after.empty() && edge.action == confirm.after) {
            opens = edge.contact;
        }
    }
    // Each press has a window of its own: an answer that comes after one window closed counts
    // for no press, not even the next. A failure pattern is the car's answer too: it heard the
    // fob and said no, and pressing again would only spend codes.
    const ConfirmationResult* result = nullptr;
    ConfirmationWatch& watch = run.prepared.watch(confirm);
    int presses = 0;
    Instant opened{};
    for (Instant at = anchor;
         presses < confirm.presses && !(result && (result->confirmed || result->failure_pattern));
         at = sequencer.now() + std::max(seq.start_after, plan.lead())) {
        ++presses;
        opened = at + opens;
        watch.restart(opened);
        const auto feed = [&](const InputEdge& edge) { watch.feed(edge); };
        if (const Played played = sequencer.play(plan, at, feed); played != Played::whole) {
            return stopped(played);
        }
        mark_end();
        if (!note_played()) {
            return Flow::stop_attempt;
        }
        if (!await_answer(sequencer, watch)) {
            return Flow::aborted;
        }
        result = &watch.result();
    }
    CheckRecord check = run.prepared.take_check(attempt, step, fob_at);
    check.passed = result->confirmed;
    check.decided = sequencer.now();
    check.latency = result->latency;
    check.reason = result->reason;
    if (!result->confirmed && presses > 1) {
        append(check.reason, " (at each of ", std::to_string(presses), " presses)");
    }
    check.variant = way.variant != nullptr ? std::string_view(way.variant->id) : "";
    check.presses = presses;
    if (!result->confirmed && fob_state.failure.empty()) {
        append(fob_state.failure, step.title, ": ", check.reason);
    }
    run.recorder.add(std::move(check));
    if (result->confirmed && result->latency) {
        note_event(procedure, state, step.id, answer_event, opened + *result->latency);
    }
    if (seq.purpose == SequencePurpose::program) {
        fob_state.programmed = result->confirmed;
    } else if (result->confirmed) {
        fob_state.verified_by.emplace_back(step.id);
        if (presses > 1) {
            fob_state.repressed.push_back(
                {.step_id = step.id, .press = presses, .of = confirm.presses});
        }
    } else {
        fob_state.verify_failed = true;
    }
    return state.failure.empty() ? Flow::go_on : Flow::stop_attempt;
}

} // namespace

Flow run_sequence_step(RunContext& run, int attempt, const Step& step, const SequenceStep& seq,
                       AttemptState& state) {
    const auto& fobs = run.request.fobs;
    // A step of a block for each fob acts on its fob alone (step_applies: the session has it).
    const std::size_t first = step.fob > 0 ? static_cast<std::size_t>(step.fob - 1) : 0;
    const std::size_t end = step.fob > 0 ? first + 1 : seq.each_fob ? fobs.size() : 1;
    // A retry after an attempt the car answered for no fob plays the next documented way.
    const SequenceVariant* variant =
        variant_for(seq, run.variants_moved_on, run.request.first_variant);
    const PlayedWay& way = run.plans.way(run.request.procedure, step, variant);
    if (seq.purpose == SequencePurpose::program && variant != nullptr) {
        state.variant = variant;
    }
    for (std::size_t i = first; i < end; ++i) {
        if (const Flow flow =
                sequence_for_fob(run, attempt, step, way, fobs[i], way.plans[i], state);
            flow != Flow::go_on) {
            return flow;
        }
    }
    return Flow::go_on;
}

} // namespace fobrig
