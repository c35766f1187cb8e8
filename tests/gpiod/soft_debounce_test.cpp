// The rig-side debounce (libgpiod v1): settled edges only, stamped when they settled.
#include "rig/gpiod/soft_debounce.hpp"

#include <gtest/gtest.h>

namespace fobrig {
namespace {

const Instant t0{seconds(10)};

TEST(SoftDebounce, WithoutDebounceAnEdgeIsReportedAtItsOwnTime) {
    SoftDebounce d(Duration{}, false);
    d.edge(true, t0);
    const auto change = d.settle(t0);
    ASSERT_TRUE(change);
    EXPECT_EQ(*change, std::pair(true, t0));
}

TEST(SoftDebounce, AnEdgeIsReportedOnceItHeldStillAndStampedThen) {
    SoftDebounce d(milliseconds(5), false);
    d.edge(true, t0);
    EXPECT_EQ(d.settles_at(), t0 + milliseconds(5));
    EXPECT_FALSE(d.settle(t0 + milliseconds(4)));
    EXPECT_EQ(d.settle(t0 + milliseconds(9)), std::pair(true, t0 + milliseconds(5)));
    EXPECT_FALSE(d.settles_at());
}

TEST(SoftDebounce, ABounceRestartsTheWait) {
    SoftDebounce d(milliseconds(5), false);
    d.edge(true, t0);
    d.edge(false, t0 + milliseconds(1));
    d.edge(true, t0 + milliseconds(3));
    EXPECT_FALSE(d.settle(t0 + milliseconds(6)));
    EXPECT_EQ(d.settle(t0 + milliseconds(8)), std::pair(true, t0 + milliseconds(8)));
}

TEST(SoftDebounce, AGlitchShorterThanTheDebounceIsNotReported) {
    SoftDebounce d(milliseconds(5), true);
    d.edge(false, t0);
    d.edge(true, t0 + milliseconds(2));
    EXPECT_FALSE(d.settle(t0 + seconds(1)));
    EXPECT_FALSE(d.settles_at());
}

} // namespace
} // namespace fobrig
