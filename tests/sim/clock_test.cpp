// The engine's clocks over the simulated world: virtual time for tests, paced for a demo.
#include "sim/paced_clock.hpp"
#include "sim/virtual_clock.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <vector>

namespace fobrig::sim {
namespace {

TEST(VirtualClock, ReadsTheWorldAndSleepingRunsIt) {
    World world(Instant{});
    VirtualClock clock(world);
    bool ran = false;
    world.after(seconds(30), [&] { ran = true; });
    clock.sleep_until(Instant{} + seconds(60));
    EXPECT_TRUE(ran);
    EXPECT_EQ(clock.now(), Instant{} + seconds(60));
    clock.sleep_until(Instant{} + seconds(1));
    EXPECT_EQ(clock.now(), Instant{} + seconds(60));
}

TEST(PacedClock, RunsAFiftyMillisecondScheduleAsRealTimeReachesEachEvent) {
    World world(PacedClock::monotonic_now());
    PacedClock clock(world);
    const Instant start = world.now();
    struct Seen {
        Duration scheduled;
        Instant real;
    };
    std::vector<Seen> seen;
    for (const Duration d : {milliseconds(10), milliseconds(30), milliseconds(50)}) {
        world.at(start + d, [&seen, &clock, d] { seen.push_back({d, clock.now()}); });
    }
    clock.sleep_until(start + milliseconds(50));

    EXPECT_GE(clock.now(), start + milliseconds(50));
    ASSERT_EQ(seen.size(), 3u);
    for (std::size_t i = 0; i < seen.size(); ++i) {
        EXPECT_GE(seen[i].real, start + seen[i].scheduled) << "event " << i << " ran early";
        if (i > 0) {
            EXPECT_GE(seen[i].real, seen[i - 1].real);
        }
    }
}

} // namespace
} // namespace fobrig::sim
