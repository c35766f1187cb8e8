// The radio link between the fobs and the car, and its seeded telegram loss.
#include "sim/radio.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

namespace fobrig::sim {
namespace {

// Sends `count` telegrams through a radio; returns the counters of those that arrived.
std::vector<std::uint32_t> delivered(double loss, std::uint64_t seed, std::uint32_t count) {
    std::vector<std::uint32_t> arrived;
    Radio radio(loss, seed, [&](const Telegram& t) { arrived.push_back(t.counter); });
    for (std::uint32_t i = 1; i <= count; ++i) {
        radio.transmit({.fob_id = 1, .buttons = {.lock = true}, .counter = i});
    }
    return arrived;
}

TEST(Radio, LosesEveryTelegramWithProbabilityOne) {
    EXPECT_TRUE(delivered(1.0, 1, 100).empty());
}

TEST(Radio, LosesNoTelegramWithProbabilityZero) {
    EXPECT_EQ(delivered(0.0, 1, 100).size(), 100u);
}

TEST(Radio, LosesTheSameTelegramsForTheSameSeed) {
    const std::vector<std::uint32_t> first = delivered(0.5, 42, 1000);
    EXPECT_EQ(first, delivered(0.5, 42, 1000));
    EXPECT_NE(first, delivered(0.5, 43, 1000));
    EXPECT_GT(first.size(), 400u);
    EXPECT_LT(first.size(), 600u);
}

TEST(Radio, RefusesAProbabilityOutsideZeroToOne) {
    EXPECT_THROW(Radio(1.5, 1, [](const Telegram&) {}), std::invalid_argument);
}

} // namespace
} // namespace fobrig::sim
