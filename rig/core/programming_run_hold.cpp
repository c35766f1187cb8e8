#include "rig/core/programming_run_hold.hpp"

#include "rig/core/schedule.hpp"

#include <algorithm>

namespace fobrig {
namespace {

// One edge now on the held contacts' channels.
Played drive_now(RunContext& run, const std::string& step_id, const std::string& action,
                 const std::vector<std::size_t>& channels, bool active) {
    SequencePlan plan{.step_id = step_id, .tolerance = milliseconds(100)};
    TimedEdge edge{.action = action};
    for (const std::size_t channel : channels) {
        edge.levels.push_back({.channel = channel, .active = active});
    }
    plan.edges.push_back(std::move(edge));
    return run.sequencer.play(plan, run.sequencer.now());
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
    std::vector<std::size_t> channels;
    for (const std::string& role : op.hold) {
        // Wired: run_refusals() refuses a procedure whose holds the rig lacks.
        channels.push_back(*run.request.rig.car_output(role));
    }
    const Played played = drive_now(run, step.id, "hold", channels, true);
    const Instant closed = run.sequencer.now();
    for (const std::size_t channel : channels) {
        state.held.push_back({.channel = channel,
                              .through = op.hold_through.empty() ? step.id : op.hold_through,
                              .since = closed});
    }
    if (played == Played::stalled) {
        state.failure = "stopped by " + run.sequencer.stall() + " (" + step.title +
                        "); every output was opened at once";
    }
    return played == Played::whole     ? Flow::go_on
           : played == Played::stalled ? Flow::stop_attempt
                                       : Flow::aborted;
}

Flow open_holds(RunContext& run, const Step* step, AttemptState& state) {
    std::vector<std::size_t> channels;
    std::string cut;
    for (const HeldContact& held : state.held) {
        if (step != nullptr && held.through != step->id) {
            continue;
        }
        channels.push_back(held.channel);
        const OutputChannel& output = run.request.rig.outputs[held.channel];
        if (cut.empty() && guard_opened(run.recorder.record(), held.channel, held.since)) {
            cut = "the guard opened " + channel_text(output) + " at its max_hold_ms of " +
                  duration_text(output.max_hold) + ", before '" + held.through +
                  "' was done: the car took the switch as let go";
        }
    }
    if (channels.empty()) {
        return Flow::go_on;
    }
    std::erase_if(state.held, [&](const HeldContact& held) {
        return std::ranges::count(channels, held.channel) > 0;
    });
    const Played played =
        drive_now(run, step != nullptr ? step->id : std::string(), "open", channels, false);
    if (!cut.empty() && state.failure.empty()) {
        state.failure = cut;
    }
    return played == Played::aborted                   ? Flow::aborted
           : !cut.empty() || played == Played::stalled ? Flow::stop_attempt
                                                       : Flow::go_on;
}

} // namespace fobrig
