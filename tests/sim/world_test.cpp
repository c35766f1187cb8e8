// The discrete-event queue under every simulated part.
#include "sim/world.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace fobrig::sim {
namespace {

using ::testing::ElementsAre;

const Instant t0 = Instant{} + seconds(100);

TEST(World, RunsEventsInTimeOrderAndEqualTimesInTheOrderScheduled) {
    World world(t0);
    std::vector<std::string> ran;
    world.at(t0 + milliseconds(20), [&] { ran.push_back("late"); });
    world.at(t0 + milliseconds(10), [&] { ran.push_back("first"); });
    world.at(t0 + milliseconds(10), [&] { ran.push_back("second"); });
    world.run_until(t0 + seconds(1));
    EXPECT_THAT(ran, ElementsAre("first", "second", "late"));
}

TEST(World, StandsAtEachEventsTimeWhileItRunsAndAtTheTargetAfter) {
    World world(t0);
    Instant seen{};
    world.after(milliseconds(10), [&] { seen = world.now(); });
    world.run_until(t0 + milliseconds(50));
    EXPECT_EQ(seen, t0 + milliseconds(10));
    EXPECT_EQ(world.now(), t0 + milliseconds(50));
}

TEST(World, RunsEventsThatEventsScheduleIncludingAtTheSameInstant) {
    World world(t0);
    std::vector<std::string> ran;
    world.after(milliseconds(10), [&] {
        world.after(Duration{}, [&] { ran.push_back("now"); });
        world.after(milliseconds(5), [&] { ran.push_back("later"); });
        ran.push_back("parent");
    });
    world.run_until(t0 + milliseconds(15));
    EXPECT_THAT(ran, ElementsAre("parent", "now", "later"));
}

TEST(World, LeavesEventsAfterTheTargetForLater) {
    World world(t0);
    bool ran = false;
    world.after(milliseconds(30), [&] { ran = true; });
    world.run_until(t0 + milliseconds(29));
    EXPECT_FALSE(ran);
    EXPECT_EQ(world.next_event(), t0 + milliseconds(30));
    world.run_until(t0 + milliseconds(30));
    EXPECT_TRUE(ran);
    EXPECT_FALSE(world.next_event().has_value());
}

TEST(World, NeverGoesBackwards) {
    World world(t0);
    world.run_until(t0 + seconds(1));
    world.run_until(t0);
    EXPECT_EQ(world.now(), t0 + seconds(1));
}

TEST(World, RunsAnEventScheduledInThePastAtTheCurrentInstant) {
    World world(t0);
    world.run_until(t0 + seconds(1));
    Instant seen{};
    world.at(t0, [&] { seen = world.now(); });
    EXPECT_EQ(world.next_event(), t0 + seconds(1));
    world.run_until(world.now());
    EXPECT_EQ(seen, t0 + seconds(1));
}

} // namespace
} // namespace fobrig::sim
