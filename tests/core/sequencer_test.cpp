// The sequencer in virtual time: absolute instants, the spin margin, late flags, the guard.
#include "rig/core/sequencer.hpp"

#include "tests/support/scripted_rig.hpp"

#include <gtest/gtest.h>

namespace fobrig {
namespace {

using testing::ManualClock;
using testing::ScriptedBackend;
using testing::StallingClock;

SequenceStep press_and_hold(Duration hold) {
    SequenceStep step;
    step.tolerance = milliseconds(20);
    step.actions.push_back({.name = "hold", .at = milliseconds(0), .press = {"lock", "unlock"}});
    step.actions.push_back({.name = "release", .at = hold, .release = {"lock", "unlock"}});
    return step;
}

struct SequencerTest : ::testing::Test {
    StallingClock clock;
    ScriptedBackend backend{clock};
    Rig rig = testing::one_slot_rig();
    RunRecorder recorder{rig, {}};
    std::atomic<bool> abort{false};
};

TEST_F(SequencerTest, PlaysEachEdgeAtItsInstantFromTheAnchor) {
    const Instant anchor = clock.now() + seconds(1);
    {
        Sequencer sequencer(clock, backend, rig, recorder, abort);
        ASSERT_EQ(
            sequencer.play(plan_sequence("learn", press_and_hold(seconds(3)), rig, 1), anchor),
            Played::whole);
    }
    ASSERT_EQ(backend.drives.size(), 2u);
    EXPECT_EQ(backend.drives[0].at, anchor);
    EXPECT_EQ(backend.drives[1].at, anchor + seconds(3));
    const auto& edges = recorder.record().commanded;
    ASSERT_EQ(edges.size(), 4u);
    EXPECT_EQ(edges[0].scheduled, anchor);
    EXPECT_EQ(edges[0].actual, anchor);
    EXPECT_FALSE(edges[0].late);
}

TEST_F(SequencerTest, WaitsOnTheBackendUntilTheSpinMarginAndTheClockTakesTheRest) {
    const Instant anchor = clock.now() + seconds(1);
    Sequencer sequencer(clock, backend, rig, recorder, abort, {.spin_margin = microseconds(600)});
    ASSERT_EQ(sequencer.play(plan_sequence("learn", press_and_hold(seconds(3)), rig, 1), anchor),
              Played::whole);
    ASSERT_EQ(backend.drives.size(), 2u);
    for (const Instant wait : backend.waits) {
        EXPECT_TRUE(wait <= anchor - microseconds(600) ||
                    (wait > anchor && wait <= anchor + seconds(3) - microseconds(600)));
    }
    EXPECT_EQ(backend.waits.back(), anchor + seconds(3) - microseconds(600));
    EXPECT_EQ(backend.drives[0].at, anchor);
    EXPECT_EQ(backend.drives[1].at, anchor + seconds(3));
}

TEST_F(SequencerTest, ASlowEdgeDoesNotShiftTheNextOnes) {
    const Instant anchor = clock.now();
    backend.responder = [&](ScriptedBackend& b, const testing::Drive&) {
        if (b.drives.size() == 1) {
            clock.sleep_until(clock.now() + milliseconds(3)); // the first call is slow
        }
    };
    Sequencer sequencer(clock, backend, rig, recorder, abort);
    ASSERT_EQ(sequencer.play(plan_sequence("learn", press_and_hold(seconds(3)), rig, 1), anchor),
              Played::whole);
    const auto& edges = recorder.record().commanded;
    ASSERT_EQ(edges.size(), 4u);
    EXPECT_EQ(edges[0].actual - edges[0].scheduled, milliseconds(3));
    EXPECT_EQ(edges[2].scheduled, anchor + seconds(3));
    EXPECT_EQ(edges[2].actual, anchor + seconds(3));
}

TEST_F(SequencerTest, FlagsTheEdgesLaterThanTheToleranceAndTheRecordCountsThem) {
    backend.responder = [&](ScriptedBackend& b, const testing::Drive&) {
        if (b.drives.size() == 1) {
            clock.sleep_until(clock.now() + milliseconds(25)); // tolerance is 20 ms
        }
    };
    {
        Sequencer sequencer(clock, backend, rig, recorder, abort);
        sequencer.play(plan_sequence("learn", press_and_hold(seconds(3)), rig, 1), clock.now());
    }
    const auto& edges = recorder.record().commanded;
    ASSERT_EQ(edges.size(), 4u);
    EXPECT_TRUE(edges[0].late);
    EXPECT_TRUE(edges[1].late);
    EXPECT_FALSE(edges[2].late);
    EXPECT_EQ(late_edge_count(recorder.record()), 2u);
    EXPECT_EQ(late_edges_text(recorder.record()),
              "2 edges came later than the procedure's tolerance (worst 25.0 ms, learn hold)");
}

TEST_F(SequencerTest, NoLateEdgeNoWordInTheVerdict) {
    Sequencer sequencer(clock, backend, rig, recorder, abort);
    sequencer.play(plan_sequence("learn", press_and_hold(seconds(3)), rig, 1), clock.now());
    EXPECT_EQ(late_edges_text(recorder.record()), "");
}

TEST_F(SequencerTest, CommandsEachSwitchEarlyBySoItsContactMovesOnTime) {
    rig = testing::one_slot_rig_with_latencies(milliseconds(6), milliseconds(4), microseconds(20),
                                               microseconds(20));
    const SequencePlan plan = plan_sequence("learn", press_and_hold(seconds(3)), rig, 1);
    const Instant anchor = clock.now() + plan.lead();
    Sequencer sequencer(clock, backend, rig, recorder, abort);
    ASSERT_EQ(sequencer.play(plan, anchor), Played::whole);
    ASSERT_EQ(backend.drives.size(), 4u);
    EXPECT_EQ(backend.drives[0].at, anchor - milliseconds(6));
    EXPECT_EQ(backend.drives[1].at, anchor - microseconds(20));
    EXPECT_EQ(backend.drives[2].at, anchor + seconds(3) - milliseconds(4));
    EXPECT_EQ(backend.drives[3].at, anchor + seconds(3) - microseconds(20));
    EXPECT_FALSE(recorder.record().commanded.front().late);
}

TEST_F(SequencerTest, AChordIsOneBackendCall) {
    Sequencer sequencer(clock, backend, rig, recorder, abort);
    sequencer.play(plan_sequence("learn", press_and_hold(seconds(1)), rig, 1), clock.now());
    ASSERT_FALSE(backend.drives.empty());
    EXPECT_EQ(backend.drives[0].levels.size(), 2u);
}

TEST_F(SequencerTest, ReleasesAContactHeldPastItsMaximum) {
    rig = testing::one_slot_rig(seconds(8));
    const Instant anchor = clock.now();
    Sequencer sequencer(clock, backend, rig, recorder, abort);
    sequencer.play(plan_sequence("learn", press_and_hold(seconds(12)), rig, 1), anchor);

    ASSERT_GE(backend.drives.size(), 3u);
    EXPECT_EQ(backend.drives[1].at, anchor + seconds(8));
    EXPECT_FALSE(backend.drives[1].levels[0].active);
    std::size_t forced = 0;
    for (const auto& edge : recorder.record().commanded) {
        if (edge.forced) {
            ++forced;
            EXPECT_EQ(edge.action, "max-hold guard");
            EXPECT_EQ(edge.actual, anchor + seconds(8));
        }
    }
    EXPECT_EQ(forced, 2u);
}

TEST_F(SequencerTest, AbortReleasesEverythingAndStops) {
    Sequencer sequencer(clock, backend, rig, recorder, abort);
    backend.responder = [&](ScriptedBackend&, const testing::Drive&) { abort = true; };
    EXPECT_EQ(
        sequencer.play(plan_sequence("learn", press_and_hold(seconds(3)), rig, 1), clock.now()),
        Played::aborted);
    EXPECT_EQ(backend.drives.size(), 1u);
    EXPECT_GE(backend.openings, 1);
    const auto& last = recorder.record().commanded.back();
    EXPECT_TRUE(last.forced);
    EXPECT_EQ(last.action, "abort");
}

TEST_F(SequencerTest, DestructionReleasesEveryOutput) {
    {
        Sequencer sequencer(clock, backend, rig, recorder, abort);
        SequenceStep step;
        step.actions.push_back({.name = "hold", .at = milliseconds(0), .press = {"lock"}});
        sequencer.play(plan_sequence("learn", step, rig, 1), clock.now());
        EXPECT_EQ(backend.openings, 0);
    }
    EXPECT_EQ(backend.openings, 1);
}

TEST_F(SequencerTest, WaitingHandsEverySensedEdgeToTheRecordAndTheCaller) {
    Sequencer sequencer(clock, backend, rig, recorder, abort);
    backend.car_signal(0, clock.now() + milliseconds(500), milliseconds(300));
    int seen = 0;
    ASSERT_TRUE(sequencer.wait_until(clock.now() + seconds(2), [&](const InputEdge&) { ++seen; }));
    EXPECT_EQ(seen, 2);
    EXPECT_EQ(recorder.record().sensed.size(), 2u);
    EXPECT_EQ(recorder.record().sensed[0].line, rig.outputs.size());
}

// A daemon's backend keeps what the car did between two runs; those edges were stamped before
// the next run began and showed up in its record at a negative time.
TEST_F(SequencerTest, EdgesQueuedBeforeTheRunBeganAreNotThisRunsEdges) {
    clock.sleep_until(clock.now() + seconds(60));
    backend.car_signal(1, clock.now() - seconds(35), milliseconds(300)); // the previous run's
    Sequencer sequencer(clock, backend, rig, recorder, abort);
    backend.car_signal(0, clock.now() + milliseconds(500), milliseconds(300));
    int seen = 0;
    ASSERT_TRUE(sequencer.wait_until(clock.now() + seconds(2), [&](const InputEdge&) { ++seen; }));
    EXPECT_EQ(seen, 2);
    ASSERT_EQ(recorder.record().sensed.size(), 2u);
    for (const SensedEdge& edge : recorder.record().sensed) {
        EXPECT_EQ(edge.line, rig.outputs.size()); // sense.lock's, never sense.unlock's
    }
}

TEST_F(SequencerTest, AStallBeforeAReleaseOpensEveryContactAtOnceAndStops) {
    const Instant anchor = clock.now();
    clock.stall_once(anchor + seconds(3), milliseconds(25)); // tolerance is 20 ms
    Sequencer sequencer(clock, backend, rig, recorder, abort);
    EXPECT_EQ(sequencer.play(plan_sequence("learn", press_and_hold(seconds(3)), rig, 1), anchor),
              Played::stalled);
    EXPECT_EQ(sequencer.stall(), "a stall of 25.0 ms before release");
    ASSERT_EQ(backend.drives.size(), 1u); // the press; the release edge is never played
    EXPECT_EQ(backend.openings, 1);
    const auto& edges = recorder.record().commanded;
    ASSERT_EQ(edges.size(), 4u);
    for (std::size_t i = 2; i < 4; ++i) {
        EXPECT_TRUE(edges[i].forced);
        EXPECT_FALSE(edges[i].active);
        EXPECT_EQ(edges[i].action, "stall");
        EXPECT_EQ(edges[i].actual, anchor + seconds(3) + milliseconds(25));
    }
}

TEST_F(SequencerTest, AStallBeforeAPressKeepsThatPressFromTheFob) {
    SequenceStep step;
    step.tolerance = milliseconds(20);
    step.actions = {{.name = "first", .at = milliseconds(0), .press = {"lock"}},
                    {.name = "first lift", .at = milliseconds(400), .release = {"lock"}},
                    {.name = "second", .at = milliseconds(800), .press = {"lock"}},
                    {.name = "second lift", .at = milliseconds(1200), .release = {"lock"}}};
    const Instant anchor = clock.now();
    clock.stall_once(anchor + milliseconds(800), milliseconds(300));
    Sequencer sequencer(clock, backend, rig, recorder, abort);
    EXPECT_EQ(sequencer.play(plan_sequence("verify", step, rig, 1), anchor), Played::stalled);
    EXPECT_EQ(sequencer.stall(), "a stall of 300.0 ms before second");
    // Only the first press, whole: no press shorter than planned reached the fob.
    ASSERT_EQ(backend.drives.size(), 2u);
    EXPECT_EQ(backend.drives[1].at - backend.drives[0].at, milliseconds(400));
}

TEST_F(SequencerTest, ADelayWithinTheToleranceIsPlayedAndNotALateEdge) {
    const Instant anchor = clock.now();
    clock.stall_once(anchor + seconds(3), milliseconds(15));
    Sequencer sequencer(clock, backend, rig, recorder, abort);
    EXPECT_EQ(sequencer.play(plan_sequence("learn", press_and_hold(seconds(3)), rig, 1), anchor),
              Played::whole);
    ASSERT_EQ(backend.drives.size(), 2u);
    EXPECT_EQ(backend.drives[1].at, anchor + seconds(3) + milliseconds(15));
    EXPECT_EQ(late_edge_count(recorder.record()), 0u);
}

} // namespace
} // namespace fobrig
