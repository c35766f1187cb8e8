#include "rig/core/confirmation.hpp"

#include <gtest/gtest.h>

namespace fobrig {
namespace {

constexpr std::size_t lock = 0;
constexpr std::size_t unlock = 1;
const Instant release{seconds(10)};

ConfirmationDetector lock_unlock_detector() {
    return ConfirmationDetector({lock, unlock}, {"lock", "unlock"}, release, seconds(3));
}

TEST(Confirmation, LockThenUnlockInTheWindowConfirmsWithItsLatency) {
    auto detector = lock_unlock_detector();
    detector.feed({lock, true, release + milliseconds(400)});
    detector.feed({lock, false, release + milliseconds(700)});
    EXPECT_FALSE(detector.complete());
    detector.feed({unlock, true, release + milliseconds(1300)});
    ASSERT_TRUE(detector.complete());
    const auto result = detector.result();
    EXPECT_TRUE(result.confirmed);
    EXPECT_EQ(result.latency, milliseconds(1300));
}

TEST(Confirmation, SilenceIsReportedAsNoCycleWithinTheWindow) {
    const auto result = lock_unlock_detector().result();
    EXPECT_FALSE(result.confirmed);
    EXPECT_EQ(result.reason, "no lock-unlock cycle within 3 s after release");
}

TEST(Confirmation, LockWithoutUnlockSaysWhatTheCarDid) {
    auto detector = lock_unlock_detector();
    detector.feed({lock, true, release + milliseconds(400)});
    EXPECT_EQ(detector.result().reason,
              "expected a lock-unlock cycle within 3 s after release, the car signalled only lock");
}

TEST(Confirmation, UnlockBeforeLockIsNotACycle) {
    auto detector = lock_unlock_detector();
    detector.feed({unlock, true, release + milliseconds(200)});
    EXPECT_FALSE(detector.complete());
    EXPECT_NE(detector.result().reason.find("unlock out of order"), std::string::npos);
}

TEST(Confirmation, EdgesOutsideTheWindowAreNotTheCarsAnswer) {
    auto detector = lock_unlock_detector();
    detector.feed({lock, true, release - milliseconds(500)});
    detector.feed({unlock, true, release + milliseconds(3500)});
    EXPECT_FALSE(detector.complete());
    EXPECT_EQ(detector.result().reason, "no lock-unlock cycle within 3 s after release");
}

TEST(Confirmation, ASingleSignalPatternIsNamedAsASignal) {
    ConfirmationDetector detector({lock}, {"lock"}, release, seconds(2));
    EXPECT_EQ(detector.result().reason, "no lock signal within 2 s after release");
}

} // namespace
} // namespace fobrig
