#include "rig/core/programming_run_hold.hpp"

#include "rig/core/run_prepared.hpp"
#include "rig/core/schedule.hpp"
#include "rig/core/text_append.hpp"

#include <algorithm>

namespace fobrig {
namespace {

// The prepared one-edge plan, for `step_id`, its levels to be set: made before the run, it is
// only filled in here.
TimedEdge& hold_edge(RunContext& run, std::string_view step_id, const char* action) {
    SequencePlan& plan = run.prepared.hold_plan();
    plan.step_id = step_id;
    TimedEdge& edge = plan.edges.front();
    edge.action = action;
    edge.levels.clear();
    return edge;
}

Played drive_now(RunContext& run) {
    return run.sequencer.play(run.prepared.hold_plan(), run.sequencer.now());
}

// Whether the guard opened `channel` since `since`.
bool guard_opened(const RunRecord& record, std::size_t channel, Instant since) {
    return std::ranges::any_of(record.commanded, [&](const CommandedEdge& edge) {
        return edge.line == channel && edge.forced && !edge.active && edge.actual >= since;
    });
}

} // namespace

Flow close_holds(RunContext& run, const Step& step, const OperatorStep& op, AttemptState& state) {
    if (op.hold.empty()) {
        return Flow::go_on;
    }
    TimedEdge& edge = hold_edge(run, step.id, "hold");
    for (const std::string& role : op.hold) {
        // Wired: run_refusals() refuses a procedure whose holds the rig lacks.
        edge.levels.push_back({.channel = *run.request.rig.car_output(role), .active = true});
    }
    const Played played = drive_now(run);
    const Instant closed = run.sequencer.now();
    for (const OutputLevel& level : edge.levels) {
        state.held.push_back({.channel = level.channel,
                              .through = op.hold_through.empty() ? step.id : op.hold_through,
                              .since = closed});
    }
    if (played == Played::stalled) {
        set_text(state.failure, "stopped by ", run.sequencer.stall(), " (", step.title,
                 "); every output was opened at once");
    }
    return played == Played::whole     ? Flow::go_on
           : played == Played::stalled ? Flow::stop_attempt
                                       : Flow::aborted;
}

Flow open_holds(RunContext& run, const Step* step, AttemptState& state) {
    TimedEdge& edge = hold_edge(run, step != nullptr ? std::string_view(step->id) : "", "open");
    // The first contact the guard opened early: the failure, unless the attempt has one.
    bool cut = false;
    for (const HeldContact& held : state.held) {
        if (step != nullptr && held.through != step->id) {
            continue;
        }
        edge.levels.push_back({.channel = held.channel, .active = false});
        const OutputChannel& output = run.request.rig.outputs[held.channel];
        if (!cut && guard_opened(run.recorder.record(), held.channel, held.since)) {
            cut = true;
            if (state.failure.empty()) {
                append(state.failure, "the guard opened ");
                append_channel_text(state.failure, output);
                append(state.failure, " at its max_hold_ms of ", duration_text(output.max_hold),
                       ", before '", held.through, "' was done: the car took the switch as let go");
            }
        }
    }
    if (edge.levels.empty()) {
        return Flow::go_on;
    }
    std::erase_if(state.held, [&](const HeldContact& held) {
        return std::ranges::count(edge.levels, held.channel, &OutputLevel::channel) > 0;
    });
    const Played played = drive_now(run);
    return played == Played::aborted          ? Flow::aborted
           : cut || played == Played::stalled ? Flow::stop_attempt
                                              : Flow::go_on;
}

} // namespace fobrig
