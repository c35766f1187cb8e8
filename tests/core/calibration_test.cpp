// The calibration arithmetic: delays, bounce, spreads and contacts that did not follow.
#include "rig/core/calibration.hpp"
#include "tests/support/instants.hpp"

#include <gtest/gtest.h>

namespace fobrig {
namespace {

using testing::at_us;

TEST(Calibration, MeasuresOperateAndReleaseFromTheCommandToTheFirstContactChange) {
    const std::vector<ChannelEdge> commanded = {{0, true, at_us(0)}, {0, false, at_us(50'000)}};
    // Touches at 6 ms, bounces open and closed, settles at 6.9 ms; opens 4 ms after release.
    const std::vector<ChannelEdge> contact = {{0, true, at_us(6'000)},
                                              {0, false, at_us(6'300)},
                                              {0, true, at_us(6'900)},
                                              {0, false, at_us(54'000)}};
    const auto result = calibrate(commanded, contact);
    ASSERT_EQ(result.size(), 1u);
    EXPECT_EQ(result[0].commands, 2u);
    EXPECT_EQ(result[0].followed, 2u);
    EXPECT_EQ(result[0].operate->median, microseconds(6'000));
    EXPECT_EQ(result[0].release->median, microseconds(4'000));
    EXPECT_EQ(result[0].bounce->max, microseconds(900));
    EXPECT_EQ(result[0].bounce->min, Duration::zero());
}

TEST(Calibration, GivesMinMedianAndMaxOverPressesPerChannel) {
    std::vector<ChannelEdge> commanded;
    std::vector<ChannelEdge> contact;
    const int operate_us[] = {5'000, 7'000, 6'000, 9'000};
    for (int press = 0; press < 4; ++press) {
        const int start = press * 100'000;
        commanded.push_back({1, true, at_us(start)});
        contact.push_back({1, true, at_us(start + operate_us[press])});
        commanded.push_back({1, false, at_us(start + 50'000)});
        contact.push_back({1, false, at_us(start + 53'000)});
    }
    const auto result = calibrate(commanded, contact);
    ASSERT_EQ(result.size(), 1u);
    EXPECT_EQ(result[0].channel, 1u);
    EXPECT_EQ(result[0].operate->min, microseconds(5'000));
    EXPECT_EQ(result[0].operate->median, microseconds(6'500)); // between 6 and 7 ms
    EXPECT_EQ(result[0].operate->max, microseconds(9'000));
    EXPECT_EQ(result[0].release->median, microseconds(3'000));
}

TEST(Calibration, AContactThatDoesNotFollowIsCountedAndNotMeasured) {
    const std::vector<ChannelEdge> commanded = {{0, true, at_us(0)},
                                                {0, false, at_us(50'000)},
                                                {2, true, at_us(0)},
                                                {2, false, at_us(50'000)}};
    // Channel 2's contact never closes; channel 0's closes only after its release command.
    const std::vector<ChannelEdge> contact = {{0, true, at_us(60'000)}};
    const auto result = calibrate(commanded, contact);
    ASSERT_EQ(result.size(), 2u);
    EXPECT_EQ(result[0].followed, 0u);
    EXPECT_FALSE(result[0].operate.has_value());
    EXPECT_EQ(result[1].channel, 2u);
    EXPECT_EQ(result[1].commands, 2u);
    EXPECT_EQ(result[1].followed, 0u);
    EXPECT_FALSE(result[1].bounce.has_value());
}

} // namespace
} // namespace fobrig
