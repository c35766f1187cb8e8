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

namespace fobrig {
namespace {

constexpr std::size_t chime = 2;

AnswerShape chimes(int times) {
    return {.inputs = {chime}, .roles = {"chime"}, .times = times};
}

AnswerShape lock_cycles(int times, std::string means = {}) {
    return {.inputs = {lock, unlock},
            .roles = {"lock", "unlock"},
            .times = times,
            .means = std::move(means)};
}

void chime_at(ConfirmationDetector& detector, std::initializer_list<int> ms) {
    for (const int at : ms) {
        detector.feed({chime, true, release + milliseconds(at)});
        detector.feed({chime, false, release + milliseconds(at + 200)});
    }
}

TEST(ExactConfirmation, ThreeChimesAreTheAnswerWithTheLastOnesLatency) {
    ConfirmationDetector detector(chimes(3), {}, release, seconds(5), "'enter'");
    chime_at(detector, {500, 1100, 1700});
    // Decided only when the window closes: a fourth chime could still come.
    EXPECT_FALSE(detector.complete());
    const auto result = detector.result();
    EXPECT_TRUE(result.confirmed) << result.reason;
    EXPECT_EQ(result.latency, milliseconds(1700));
}

TEST(ExactConfirmation, TwoChimesAreNotThree) {
    ConfirmationDetector detector(chimes(3), {}, release, seconds(5), "'enter'");
    chime_at(detector, {500, 1100});
    const auto result = detector.result();
    EXPECT_FALSE(result.confirmed);
    EXPECT_EQ(result.reason, "2 chimes within 5 s after 'enter' where the procedure wants 3");
    EXPECT_FALSE(result.failure_pattern);
}

TEST(ExactConfirmation, FourChimesAreNotThreeEither) {
    ConfirmationDetector detector(chimes(3), {}, release, seconds(5), "'enter'");
    chime_at(detector, {500, 1100, 1700, 2300});
    EXPECT_EQ(detector.result().reason,
              "4 chimes within 5 s after 'enter' where the procedure wants 3");
}

TEST(ExactConfirmation, SilenceSaysHowManyWereWanted) {
    const ConfirmationDetector detector(chimes(3), {}, release, seconds(5), "'enter'");
    EXPECT_EQ(detector.result().reason,
              "no chime within 5 s after 'enter', where the procedure wants 3 chimes");
}

TEST(ExactConfirmation, TheFailurePatternIsNamedWithWhatItMeans) {
    ConfirmationDetector detector(lock_cycles(1), {lock_cycles(2, "the car refused the fob")},
                                  release, seconds(4), "release");
    for (const int at : {300, 900, 1500, 2100}) {
        detector.feed({at % 1200 == 300 ? lock : unlock, true, release + milliseconds(at)});
    }
    const auto result = detector.result();
    EXPECT_FALSE(result.confirmed);
    EXPECT_TRUE(result.failure_pattern);
    EXPECT_EQ(result.reason,
              "the car answered with the failure pattern, 2 lock-unlock cycles within 4 s after "
              "release: the car refused the fob (success is 1 lock-unlock cycle)");
}

TEST(ExactConfirmation, OneCycleIsSuccessWhenTwoIsFailure) {
    ConfirmationDetector detector(lock_cycles(1), {lock_cycles(2)}, release, seconds(4), "release");
    detector.feed({lock, true, release + milliseconds(300)});
    detector.feed({unlock, true, release + milliseconds(900)});
    EXPECT_TRUE(detector.result().confirmed);
}

TEST(ExactConfirmation, AnythingElseListsWhatTheCarSignalled) {
    ConfirmationDetector detector(lock_cycles(1), {lock_cycles(2)}, release, seconds(4), "release");
    detector.feed({unlock, true, release + milliseconds(300)});
    detector.feed({lock, true, release + milliseconds(900)});
    detector.feed({lock, true, release + milliseconds(1500)});
    EXPECT_EQ(detector.result().reason, "expected 1 lock-unlock cycle within 4 s after release, "
                                        "the car signalled unlock, lock, lock");
}

TEST(ExactConfirmation, AnAnswerLongerThanAnyPatternIsToldWithoutGrowing) {
    ConfirmationDetector detector(chimes(2), {}, release, seconds(10), "'enter'");
    for (int i = 0; i < 40; ++i) {
        detector.feed({chime, true, release + milliseconds(100 + i * 200)});
    }
    EXPECT_EQ(detector.result().reason, "expected 2 chimes within 10 s after 'enter', the car "
                                        "signalled chime, chime, chime and 37 more");
}

TEST(ExactConfirmation, EdgesOfOtherRolesAndOutsideTheWindowAreNotCounted) {
    ConfirmationDetector detector(chimes(2), {}, release, seconds(5), "'enter'");
    detector.feed({lock, true, release + milliseconds(100)});
    chime_at(detector, {-300, 500, 1100, 5200});
    EXPECT_TRUE(detector.result().confirmed) << detector.result().reason;
}

TEST(AnswerCountText, NamesEachRolesAnswerInTheSingularAndPlural) {
    EXPECT_EQ(answer_count_text({"chime"}, 1), "1 chime");
    EXPECT_EQ(answer_count_text({"indicator"}, 2), "2 indicator flashes");
    EXPECT_EQ(answer_count_text({"horn"}, 2), "2 horn sounds");
    EXPECT_EQ(answer_count_text({"lock", "unlock"}, 2), "2 lock-unlock cycles");
    EXPECT_EQ(answer_count_text({"lock"}, 3), "3 lock signals");
}

} // namespace
} // namespace fobrig
