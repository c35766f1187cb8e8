// The interlock's wave on the sequencer's thread, in virtual time: it runs only while a sequence
// drives outputs, leaves the line inactive, never moves an edge, and a stall long enough for the
// relay board to lose its supply stops the play without powering the board again.
#include "rig/core/sequencer.hpp"

#include "tests/support/scripted_rig.hpp"

#include <gtest/gtest.h>

namespace fobrig {
namespace {

using testing::ScriptedBackend;
using testing::StallingClock;

// Lock pressed at the anchor and lifted 400 ms later.
SequenceStep one_press() {
    SequenceStep step;
    step.tolerance = milliseconds(20);
    step.actions = {{.name = "press", .at = milliseconds(0), .press = {"lock"}},
                    {.name = "lift", .at = milliseconds(400), .release = {"lock"}}};
    return step;
}

Rig interlocked_rig() {
    Rig rig = testing::one_slot_rig();
    rig.enable =
        EnableOutput{.line = {"x", 7}, .period = milliseconds(10), .hold = milliseconds(25)};
    return rig;
}

struct EnableWaveTest : ::testing::Test {
    StallingClock clock;
    ScriptedBackend backend{clock};
    Rig rig = interlocked_rig();
    RunRecorder recorder{rig, {}};
    std::atomic<bool> abort{false};

    // The enable line's changes, and the outputs' edges, apart.
    std::vector<testing::Drive> wave() const { return drives_on(true); }
    std::vector<testing::Drive> edges() const { return drives_on(false); }

private:
    std::vector<testing::Drive> drives_on(bool enable) const {
        std::vector<testing::Drive> found;
        for (const auto& drive : backend.drives) {
            const bool on_enable =
                drive.levels.size() == 1 && drive.levels[0].channel == rig.enable_channel();
            if (on_enable == enable) {
                found.push_back(drive);
            }
        }
        return found;
    }
};

TEST_F(EnableWaveTest, TogglesEveryHalfPeriodFromAPeriodBeforeTheFirstEdgeToTheLast) {
    const Instant anchor = clock.now() + seconds(1);
    Sequencer sequencer(clock, backend, rig, recorder, abort);
    ASSERT_EQ(sequencer.play(plan_sequence("learn", one_press(), rig, 1), anchor), Played::whole);

    const auto toggles = wave();
    ASSERT_FALSE(toggles.empty());
    EXPECT_EQ(toggles.front().at, anchor - milliseconds(10));
    EXPECT_TRUE(toggles.front().levels[0].active);
    for (std::size_t i = 1; i < toggles.size(); ++i) {
        EXPECT_EQ(toggles[i].levels[0].active, !toggles[i - 1].levels[0].active) << i;
        EXPECT_LE(toggles[i].at - toggles[i - 1].at, milliseconds(5)) << i;
    }
    // Left inactive at the last edge; 400 ms at 100 Hz is 80 toggles, the lead 2 more.
    EXPECT_FALSE(toggles.back().levels[0].active);
    EXPECT_GE(toggles.back().at, anchor + milliseconds(395));
    EXPECT_LE(toggles.back().at, anchor + milliseconds(400));
    EXPECT_GE(toggles.size(), 82u);
    // The edges at their instants, and never the enable line in the record.
    const auto edges = this->edges();
    ASSERT_EQ(edges.size(), 2u);
    EXPECT_EQ(edges[0].at, anchor);
    EXPECT_EQ(edges[1].at, anchor + milliseconds(400));
    EXPECT_EQ(recorder.record().commanded.size(), 2u);
    EXPECT_EQ(late_edge_count(recorder.record()), 0u);
}

TEST_F(EnableWaveTest, NoWaveBeforeASequenceNorWhileWaitingAfterIt) {
    Sequencer sequencer(clock, backend, rig, recorder, abort);
    ASSERT_TRUE(sequencer.wait_until(clock.now() + seconds(2)));
    EXPECT_TRUE(backend.drives.empty());
    ASSERT_EQ(sequencer.play(plan_sequence("learn", one_press(), rig, 1), clock.now()),
              Played::whole);
    const std::size_t after_play = backend.drives.size();
    ASSERT_TRUE(sequencer.wait_until(clock.now() + seconds(5))); // the car's answer, an operator
    EXPECT_EQ(backend.drives.size(), after_play);
}

TEST_F(EnableWaveTest, ASequenceStartingAtOnceStartsTheWaveAtOnceBeforeItsFirstEdge) {
    const Instant now = clock.now();
    Sequencer sequencer(clock, backend, rig, recorder, abort);
    ASSERT_EQ(sequencer.play(plan_sequence("learn", one_press(), rig, 1), now), Played::whole);
    ASSERT_GE(backend.drives.size(), 2u);
    EXPECT_EQ(backend.drives[0].levels[0].channel, rig.enable_channel());
    EXPECT_TRUE(backend.drives[0].levels[0].active);
    EXPECT_EQ(backend.drives[0].at, now);
    EXPECT_EQ(edges().front().at, now);
}

TEST_F(EnableWaveTest, AStallPastTheBoardsHoldStopsThePlayAndNeverPowersTheBoardAgain) {
    const Instant anchor = clock.now() + seconds(1);
    clock.stall_once(anchor + milliseconds(100), milliseconds(30)); // mid-press
    Sequencer sequencer(clock, backend, rig, recorder, abort);
    ASSERT_EQ(sequencer.play(plan_sequence("learn", one_press(), rig, 1), anchor), Played::stalled);
    EXPECT_EQ(sequencer.stall(),
              "a stall of 30.0 ms before lift (the relay board lost its supply)");
    EXPECT_EQ(backend.openings, 1);
    const auto toggles = wave();
    ASSERT_FALSE(toggles.empty());
    EXPECT_LE(toggles.back().at, anchor + milliseconds(100)); // nothing after the stall
    // The press opened by the stall, in the record, at the instant the thread came back.
    const auto& last = recorder.record().commanded.back();
    EXPECT_TRUE(last.forced);
    EXPECT_EQ(last.action, "stall");
    EXPECT_EQ(last.actual, anchor + milliseconds(130));
}

TEST_F(EnableWaveTest, AStallShorterThanTheHoldKeepsTheBoardAndTheWaveGoesOn) {
    const Instant anchor = clock.now() + seconds(1);
    clock.stall_once(anchor + milliseconds(100), milliseconds(12));
    Sequencer sequencer(clock, backend, rig, recorder, abort);
    ASSERT_EQ(sequencer.play(plan_sequence("learn", one_press(), rig, 1), anchor), Played::whole);
    EXPECT_EQ(edges().size(), 2u);
    EXPECT_FALSE(wave().back().levels[0].active);
    EXPECT_EQ(backend.openings, 0);
}

TEST_F(EnableWaveTest, AnAbortLeavesTheLineToTheBackendsReleaseAndTheWaveStops) {
    const Instant anchor = clock.now() + seconds(1);
    backend.responder = [&](ScriptedBackend& b, const testing::Drive& d) {
        if (d.levels[0].channel != rig.enable_channel() && b.drives.size() > 1) {
            abort = true; // at the press
        }
    };
    Sequencer sequencer(clock, backend, rig, recorder, abort);
    ASSERT_EQ(sequencer.play(plan_sequence("learn", one_press(), rig, 1), anchor), Played::aborted);
    EXPECT_EQ(backend.openings, 1);
    const std::size_t drives = backend.drives.size();
    abort = false;
    ASSERT_TRUE(sequencer.wait_until(clock.now() + seconds(1)));
    EXPECT_EQ(backend.drives.size(), drives);
}

TEST_F(EnableWaveTest, ARigWithoutAnEnableLinePlaysNoWave) {
    rig.enable.reset();
    Sequencer sequencer(clock, backend, rig, recorder, abort);
    ASSERT_EQ(sequencer.play(plan_sequence("learn", one_press(), rig, 1), clock.now()),
              Played::whole);
    EXPECT_EQ(backend.drives.size(), 2u);
    EXPECT_TRUE(wave().empty());
}

} // namespace
} // namespace fobrig
