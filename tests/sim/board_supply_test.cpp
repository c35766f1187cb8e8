// The relay board behind the interlock: powered by each activating edge of the enable wave for
// its hold, never by a level, and its relays open when it loses power whatever their lines say.
#include "sim/board_supply.hpp"
#include "sim/relay.hpp"

#include <gtest/gtest.h>

namespace fobrig::sim {
namespace {

struct BoardSupplyTest : ::testing::Test {
    World world{Instant{}};
    EnableOutput enable{.period = milliseconds(10), .hold = milliseconds(25)};
    BoardSupply supply{world, enable};

    // A 100 Hz square wave on the line from now for `length`, ending low.
    void wave_for(Duration length) {
        const Instant end = world.now() + length;
        for (bool high = true; world.now() < end; high = !high) {
            supply.set_line(high);
            world.run_until(world.now() + milliseconds(5));
        }
        supply.set_line(false);
    }
};

TEST_F(BoardSupplyTest, HasNoPowerBeforeTheWave) {
    world.run_until(world.now() + seconds(1));
    EXPECT_FALSE(supply.powered());
}

TEST_F(BoardSupplyTest, TheWaveKeepsThePowerOnAndItDropsAHoldAfterTheLastRisingEdge) {
    std::vector<std::pair<Instant, bool>> changes;
    supply.power().on_change([&](bool on) { changes.push_back({world.now(), on}); });
    wave_for(milliseconds(200));
    ASSERT_EQ(changes.size(), 1u) << "no gap while the wave runs";
    EXPECT_TRUE(changes[0].second);
    world.run_until(world.now() + milliseconds(100));
    ASSERT_EQ(changes.size(), 2u);
    // The last rising edge came at 190 ms.
    EXPECT_EQ(changes[1].first, Instant{} + milliseconds(190 + 25));
    EXPECT_FALSE(changes[1].second);
}

TEST_F(BoardSupplyTest, ALineHeldHighByAKernelThatKeepsItDrivenPowersNothing) {
    supply.set_line(true);
    world.run_until(world.now() + milliseconds(24));
    EXPECT_TRUE(supply.powered());
    world.run_until(world.now() + milliseconds(1));
    EXPECT_FALSE(supply.powered()) << "a level is no trigger";
    world.run_until(world.now() + seconds(10));
    EXPECT_FALSE(supply.powered());
}

TEST_F(BoardSupplyTest, ARelayOnTheBoardOpensWhenThePowerGoesWhateverItsLineSays) {
    const OutputChannel channel{.kind = SwitchKind::solid_state,
                                .operate_latency = milliseconds(1),
                                .release_latency = milliseconds(1)};
    Relay relay(world, channel);
    relay.set_powered(false);
    supply.power().on_change([&](bool on) { relay.set_powered(on); });
    relay.set_line(true);
    world.run_until(world.now() + milliseconds(5));
    EXPECT_FALSE(relay.contact().level()) << "no power, no contact";
    supply.set_line(true); // one activating edge, then the thread stops
    world.run_until(world.now() + milliseconds(5));
    EXPECT_TRUE(relay.contact().level());
    world.run_until(world.now() + milliseconds(25));
    EXPECT_FALSE(relay.contact().level());
}

} // namespace
} // namespace fobrig::sim
