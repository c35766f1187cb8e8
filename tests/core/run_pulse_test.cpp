// What the sequencer publishes for the daemon's guard, in virtual time: a beat while it waits,
// and until when each closed contact may stay closed.
#include "rig/core/run_pulse.hpp"
#include "rig/core/sequencer.hpp"

#include "tests/support/scripted_rig.hpp"

#include <gtest/gtest.h>

namespace fobrig {
namespace {

using testing::ManualClock;
using testing::ScriptedBackend;

SequenceStep lock_press(Duration hold) {
    SequenceStep step;
    step.tolerance = milliseconds(20);
    step.actions = {{.name = "press", .at = milliseconds(0), .press = {"lock"}},
                    {.name = "lift", .at = hold, .release = {"lock"}}};
    return step;
}

struct RunPulseTest : ::testing::Test {
    ManualClock clock;
    ScriptedBackend backend{clock};
    Rig rig = testing::one_slot_rig(seconds(8));
    RunRecorder recorder{rig, {}};
    std::atomic<bool> abort{false};
    RunPulse pulse{rig.outputs.size()};
};

TEST_F(RunPulseTest, AClosedContactIsPublishedWithItsMaximumAndClearedWhenItOpens) {
    const Instant anchor = clock.now();
    std::optional<Instant> while_held;
    backend.responder = [&](ScriptedBackend& b, const testing::Drive&) {
        if (b.drives.size() == 2) { // the lift, before the sequencer notes it
            while_held = pulse.open_by();
        }
    };
    Sequencer sequencer(clock, backend, rig, recorder, abort, {.pulse = &pulse});
    ASSERT_EQ(sequencer.play(plan_sequence("verify", lock_press(seconds(1)), rig, 1), anchor),
              Played::whole);
    EXPECT_EQ(while_held, anchor + seconds(8));
    EXPECT_FALSE(pulse.open_by());
    EXPECT_GT(pulse.beats(), 0u);
}

TEST_F(RunPulseTest, AContactStillClosedPastItsMaximumAndTheGraceIsOverdue) {
    const Instant anchor = clock.now();
    Sequencer sequencer(clock, backend, rig, recorder, abort, {.pulse = &pulse});
    SequenceStep step;
    step.actions = {{.name = "press", .at = milliseconds(0), .press = {"unlock"}}};
    sequencer.play(plan_sequence("hold", step, rig, 1), anchor);
    // The run's thread stops here (a stall): nothing opens the contact but the watcher.
    ASSERT_EQ(pulse.open_by(), anchor + seconds(8));
    EXPECT_FALSE(pulse.overdue(anchor + seconds(8), milliseconds(20)));
    EXPECT_EQ(pulse.overdue(anchor + seconds(8) + milliseconds(20), milliseconds(20)),
              std::optional<std::size_t>(1));
}

TEST_F(RunPulseTest, AContactIsWatchedFromBeforeItsLineChanges) {
    std::optional<Instant> during_press;
    backend.responder = [&](ScriptedBackend& b, const testing::Drive&) {
        if (b.drives.size() == 1) { // inside the press's line change, where a thread may stall
            during_press = pulse.open_by();
        }
    };
    const Instant anchor = clock.now();
    Sequencer sequencer(clock, backend, rig, recorder, abort, {.pulse = &pulse});
    sequencer.play(plan_sequence("verify", lock_press(seconds(1)), rig, 1), anchor);
    EXPECT_EQ(during_press, anchor + seconds(8));
}

TEST_F(RunPulseTest, BeatsCountEveryTurnOfAWait) {
    Sequencer sequencer(clock, backend, rig, recorder, abort, {.pulse = &pulse});
    const auto before = pulse.beats();
    sequencer.wait_until(clock.now() + seconds(1));
    EXPECT_GE(pulse.beats() - before, 50u); // one turn per 20 ms at least
}

} // namespace
} // namespace fobrig
