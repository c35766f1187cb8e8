// One commanded change's answer on a read-back contact: delay, bounce and its edges.
#include "rig/core/contact_timing.hpp"
#include "tests/support/instants.hpp"

#include <gtest/gtest.h>

namespace fobrig {
namespace {

using testing::at_us;

TEST(ContactTiming, MeasuresTheDelayToTheFirstTouchAndTheBounceToTheLastEdge) {
    // Touches at 6 ms, bounces open and closed twice, settles at 6.9 ms.
    const std::vector<ChannelEdge> contact = {{0, true, at_us(6'000)},
                                              {0, false, at_us(6'150)},
                                              {0, true, at_us(6'300)},
                                              {0, false, at_us(6'550)},
                                              {0, true, at_us(6'900)}};
    const auto closing = measure_transition({0, true, at_us(0)}, at_us(50'000), contact);
    ASSERT_TRUE(closing.has_value());
    EXPECT_EQ(closing->delay, microseconds(6'000));
    EXPECT_EQ(closing->bounce, microseconds(900));
    EXPECT_EQ(closing->extra_edges, 4u);
}

TEST(ContactTiming, AClean3msOpeningHasNoBounce) {
    const std::vector<ChannelEdge> contact = {{0, true, at_us(6'000)}, {0, false, at_us(53'000)}};
    const auto opening = measure_transition({0, false, at_us(50'000)}, Instant::max(), contact);
    ASSERT_TRUE(opening.has_value());
    EXPECT_EQ(opening->delay, microseconds(3'000));
    EXPECT_EQ(opening->bounce, Duration::zero());
    EXPECT_EQ(opening->extra_edges, 0u);
}

TEST(ContactTiming, OnlyTheCommandsChannelAndWindowCount) {
    const std::vector<ChannelEdge> contact = {{1, true, at_us(2'000)},   // another channel
                                              {0, true, at_us(60'000)}}; // after the window
    EXPECT_FALSE(measure_transition({0, true, at_us(0)}, at_us(50'000), contact).has_value());
}

TEST(ContactTiming, AContactThatBouncesBackOpenDidNotClose) {
    const std::vector<ChannelEdge> contact = {{0, true, at_us(6'000)}, {0, false, at_us(6'200)}};
    EXPECT_FALSE(measure_transition({0, true, at_us(0)}, at_us(50'000), contact).has_value());
}

} // namespace
} // namespace fobrig
