// The monotonic clock's contract (its precision is the benchmark's business, not a test's).
#include "rig/platform/monotonic_clock.hpp"

#include <gtest/gtest.h>

namespace fobrig::platform {
namespace {

TEST(MonotonicClockTest, NeverGoesBackwards) {
    MonotonicClock clock;
    Instant before = clock.now();
    for (int i = 0; i < 1000; ++i) {
        const Instant now = clock.now();
        EXPECT_GE(now, before);
        before = now;
    }
}

TEST(MonotonicClockTest, SleepReturnsAtOrAfterTheDeadlineWhateverTheSpin) {
    for (const Duration spin :
         {Duration{}, Duration{microseconds(600)}, Duration{milliseconds(5)}}) {
        MonotonicClock clock(spin);
        const Instant deadline = clock.now() + milliseconds(2);
        clock.sleep_until(deadline);
        EXPECT_GE(clock.now(), deadline);
    }
}

TEST(MonotonicClockTest, AKernelSleepReturnsAtOrAfterTheDeadline) {
    const Instant deadline = monotonic_now() + milliseconds(1);
    sleep_in_kernel_until(deadline);
    EXPECT_GE(monotonic_now(), deadline);
}

TEST(MonotonicClockTest, SleepingUntilThePastReturnsAtOnce) {
    MonotonicClock clock;
    const Instant past = clock.now() - seconds(1);
    clock.sleep_until(past);
    sleep_in_kernel_until(past);
    EXPECT_GE(clock.now(), past);
}

} // namespace
} // namespace fobrig::platform
