// The confirmation on a rig that senses the indicators instead of the lock motor.
#include "rig/core/confirmation_watch.hpp"

#include <gtest/gtest.h>

namespace fobrig {
namespace {

constexpr std::size_t indicator_input = 0; // the rig's only car signal
const Instant window_opens{seconds(10)};

Rig indicator_rig() {
    Rig rig{.name = "indicator-only"};
    rig.senses.push_back({.role = "indicator"});
    rig.senses.push_back({.role = "ignition"});
    return rig;
}

Procedure with_indicator() {
    return {.indicator = IndicatorFlashes{
                .lock_flashes = 1, .unlock_flashes = 2, .flash_gap_max = milliseconds(750)}};
}

const Confirmation lock_then_unlock{.pattern = {"lock", "unlock"}, .within = seconds(3)};

// Feeds flashes at these milliseconds after the release, settling as a run does at the end.
ConfirmationWatch watch_flashes(const std::vector<int>& ms) {
    ConfirmationWatch watch(with_indicator(), indicator_rig(), lock_then_unlock, window_opens,
                            "release");
    for (const int at : ms) {
        watch.feed({indicator_input, true, window_opens + milliseconds(at)});
        watch.feed({indicator_input, false, window_opens + milliseconds(at + 300)});
    }
    watch.settle(watch.next_look());
    return watch;
}

TEST(ConfirmationWatch, OneFlashThenTwoIsTheLockUnlockCycle) {
    const auto watch = watch_flashes({400, 1300, 1900});
    ASSERT_TRUE(watch.complete());
    EXPECT_EQ(watch.result().latency, milliseconds(1300)) << "the unlock's first flash";
}

TEST(ConfirmationWatch, ABurstThatStartsInsideTheWindowIsWaitedForPastIt) {
    ConfirmationWatch watch(with_indicator(), indicator_rig(), lock_then_unlock, window_opens,
                            "release");
    watch.feed({indicator_input, true, window_opens + milliseconds(400)});
    watch.settle(window_opens + milliseconds(1150));
    watch.feed({indicator_input, true, window_opens + milliseconds(2900)});
    EXPECT_EQ(watch.next_look(), window_opens + milliseconds(3650));
    watch.feed({indicator_input, true, window_opens + milliseconds(3500)});
    EXPECT_EQ(watch.next_look(), window_opens + milliseconds(4250));
    watch.settle(window_opens + milliseconds(4250));
    EXPECT_TRUE(watch.complete());
}

TEST(ConfirmationWatch, ABurstThatStartsAfterTheWindowIsNotWaitedFor) {
    const auto watch = watch_flashes({400, 3100, 3700});
    EXPECT_FALSE(watch.complete());
    EXPECT_EQ(watch.result().reason,
              "expected a lock-unlock cycle within 3 s after release, the car signalled only lock");
}

TEST(ConfirmationWatch, AnUnknownCountIsNamedInTheReason) {
    const auto watch = watch_flashes({400, 1300, 1900, 2500});
    EXPECT_EQ(watch.result().reason,
              "expected a lock-unlock cycle within 3 s after release, the car signalled only "
              "lock; the indicators flashed 3 times, which is neither lock (1) nor unlock (2)");
}

} // namespace
} // namespace fobrig
