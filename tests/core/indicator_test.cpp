// Telling lock from unlock by the indicators' flashes. Contact bounce is the input's debounce's
// business upstream: every edge here is one flash.
#include "rig/core/indicator.hpp"

#include <gtest/gtest.h>

namespace fobrig {
namespace {

const IndicatorFlashes mini_flashes{
    .lock_flashes = 1, .unlock_flashes = 2, .flash_gap_max = milliseconds(750)};
const Instant burst_t0{seconds(10)};

Instant burst_ms(int ms) {
    return burst_t0 + milliseconds(ms);
}

TEST(IndicatorDecoder, OneFlashIsLockOnceTheGapHasPassed) {
    IndicatorDecoder decoder(mini_flashes);
    EXPECT_FALSE(decoder.flash(burst_ms(0)));
    EXPECT_EQ(decoder.decided_at(), burst_ms(750));
    EXPECT_FALSE(decoder.settle(burst_ms(749)));
    const auto answer = decoder.settle(burst_ms(750));
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->role, "lock");
    EXPECT_EQ(answer->flashes, 1);
    EXPECT_EQ(answer->at, burst_ms(0));
    EXPECT_FALSE(decoder.burst_started());
}

TEST(IndicatorDecoder, TwoFlashesIsUnlockStampedAtTheFirst) {
    IndicatorDecoder decoder(mini_flashes);
    decoder.flash(burst_ms(0));
    EXPECT_FALSE(decoder.flash(burst_ms(600)));
    EXPECT_FALSE(decoder.settle(burst_ms(750))) << "the second flash moved the decision on";
    const auto answer = decoder.settle(burst_ms(1350));
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->role, "unlock");
    EXPECT_EQ(answer->at, burst_ms(0));
}

TEST(IndicatorDecoder, AFlashExactlyTheGapLaterBelongsToTheSameBurst) {
    IndicatorDecoder decoder(mini_flashes);
    decoder.flash(burst_ms(0));
    EXPECT_FALSE(decoder.flash(burst_ms(750)));
    EXPECT_EQ(decoder.settle(burst_ms(1500))->flashes, 2);
}

TEST(IndicatorDecoder, AFlashJustPastTheGapEndsTheBurstBeforeIt) {
    IndicatorDecoder decoder(mini_flashes);
    decoder.flash(burst_ms(0));
    const auto lock = decoder.flash(burst_t0 + milliseconds(750) + microseconds(1));
    ASSERT_TRUE(lock);
    EXPECT_EQ(lock->role, "lock");
    EXPECT_EQ(decoder.burst_started(), burst_t0 + milliseconds(750) + microseconds(1));
}

TEST(IndicatorDecoder, LockThenUnlockAsTheCarConfirmsALearnedKey) {
    IndicatorDecoder decoder(mini_flashes);
    std::vector<IndicatorAnswer> answers;
    for (const int ms : {400, 1300, 1900}) {
        if (auto answer = decoder.flash(burst_ms(ms))) {
            answers.push_back(*answer);
        }
    }
    answers.push_back(*decoder.settle(burst_ms(2650)));
    ASSERT_EQ(answers.size(), 2u);
    EXPECT_EQ(answers[0].role, "lock");
    EXPECT_EQ(answers[0].at, burst_ms(400));
    EXPECT_EQ(answers[1].role, "unlock");
    EXPECT_EQ(answers[1].at, burst_ms(1300));
}

TEST(IndicatorDecoder, ACountTheProcedureDoesNotKnowIsReportedAsSuch) {
    IndicatorDecoder decoder(mini_flashes);
    for (const int ms : {0, 600, 1200}) {
        decoder.flash(burst_ms(ms));
    }
    const auto answer = decoder.settle(burst_ms(2000));
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->flashes, 3);
    EXPECT_EQ(answer->role, "");
    std::string text;
    append_unknown_answer(text, *answer, mini_flashes);
    EXPECT_EQ(text, "the indicators flashed 3 times, which is neither lock (1) nor unlock (2)");
}

TEST(IndicatorDecoder, SettlingWithoutABurstDecidesNothing) {
    IndicatorDecoder decoder(mini_flashes);
    EXPECT_FALSE(decoder.settle(burst_ms(5000)));
    EXPECT_FALSE(decoder.decided_at());
}

} // namespace
} // namespace fobrig
