// The rig's backend on the simulator: polarity, relays, sense inputs and waiting.
#include "bench_fixture.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdexcept>

namespace fobrig::sim {
namespace {

using fixture::BenchFixture;
using ::testing::IsEmpty;

TEST(SimBackend, DrivesAnActiveLowLineLowAndEnergisesItsRelayWhenLogicallyActive) {
    BenchFixture b;
    const std::size_t lock = b.rig.output_index(1, "lock").value();
    EXPECT_TRUE(b.bench.backend().line_high(lock));
    b.set_buttons(1, {"lock"}, true);
    EXPECT_FALSE(b.bench.backend().line_high(lock));
    EXPECT_TRUE(b.bench.backend().relay(lock).energised());
    b.pass(milliseconds(20));
    EXPECT_TRUE(b.bench.fob(1).buttons().lock);
}

TEST(SimBackend, DrivesAnActiveHighLineHigh) {
    fixture::BenchFixture b(make_car(), {}, {}, [] {
        Rig rig = fixture::sim_rig(1);
        rig.outputs[0].active_low = false;
        return rig;
    }());
    b.set_buttons(1, {"lock"}, true);
    EXPECT_TRUE(b.bench.backend().line_high(0));
    EXPECT_TRUE(b.bench.backend().relay(0).energised());
}

TEST(SimBackend, ReleaseAllOpensEveryContactAndMayBeCalledAgain) {
    BenchFixture b;
    for (const int slot : {1, 2}) {
        b.set_buttons(slot, {"lock", "unlock", "boot"}, true);
    }
    b.pass(milliseconds(20));
    b.bench.backend().open_all();
    b.bench.backend().open_all();
    b.pass(milliseconds(20));
    for (std::size_t i = 0; i < b.rig.outputs.size(); ++i) {
        EXPECT_FALSE(b.bench.backend().relay(i).contact().level()) << "output " << i;
        EXPECT_TRUE(b.bench.backend().line_high(i)) << "output " << i;
    }
    EXPECT_FALSE(b.bench.fob(2).buttons().any());
}

TEST(SimBackend, RefusesAChannelTheRigDoesNotHave) {
    BenchFixture b;
    const OutputLevel level{.channel = 99, .active = true};
    EXPECT_THROW(b.bench.backend().drive({&level, 1}), std::out_of_range);
}

TEST(SimBackend, ReportsTheIgnitionAsAnActiveEdgeAfterItsDebounce) {
    BenchFixture b;
    const Instant start = b.world.now();
    b.bench.car().set_ignition(true);
    const auto edges = b.bench.backend().wait(start + seconds(1));
    ASSERT_EQ(edges.size(), 1u);
    EXPECT_EQ(edges[0].input, b.rig.sense_index("ignition").value());
    EXPECT_TRUE(edges[0].active);
    EXPECT_EQ(edges[0].at, start + b.rig.senses[edges[0].input].debounce);
    EXPECT_EQ(b.world.now(), edges[0].at); // returned as soon as the edge was there
}

TEST(SimBackend, DoesNotReportAGlitchShorterThanTheDebounce) {
    BenchFixture b;
    b.bench.car().lock_signal().set(true);
    b.pass(milliseconds(2));
    b.bench.car().lock_signal().set(false);
    b.pass(seconds(1));
    EXPECT_THAT(b.edges, IsEmpty());
}

TEST(SimBackend, ReportsEachChangeOfAReadBackContactBounceIncluded) {
    BenchFixture b(make_car(), {}, {}, [] {
        Rig rig = fixture::sim_rig(1);
        rig.outputs[0].readback = LineRef{.chip = "fobrig-sim", .offset = 20};
        return rig;
    }());
    const Instant start = b.world.now();
    b.press(1, {"lock"}, milliseconds(50));
    b.pass(milliseconds(50));
    std::vector<bool> levels;
    for (const InputEdge& edge : b.edges) {
        if (edge.input == b.rig.readback_input(0)) {
            levels.push_back(edge.active);
        }
    }
    // Touch, four bounces, then the release.
    EXPECT_THAT(levels, ::testing::ElementsAre(true, false, true, false, true, false));
    EXPECT_EQ(b.edges.front().at, start + b.rig.outputs[0].operate_latency);
}

TEST(SimBackend, DoesNotReportARoleTheRigDoesNotWire) {
    Rig rig = fixture::sim_rig(1);
    rig.senses.pop_back(); // ignition
    BenchFixture b(make_car(), {}, {}, rig);
    b.bench.car().set_ignition(true);
    b.pass(seconds(1));
    EXPECT_THAT(b.edges, IsEmpty());
}

TEST(SimBackend, WaitReturnsWhenTheOperatorAcknowledges) {
    BenchFixture b;
    const Instant start = b.world.now();
    b.bench.operator_console().prompt({.step_id = "ready", .action = OperatorAction::confirm});
    EXPECT_TRUE(b.bench.backend().wait(start + seconds(10)).empty());
    EXPECT_EQ(b.world.now(), start + seconds(1));
    EXPECT_EQ(b.bench.operator_console().acknowledged(), start + seconds(1));
    b.bench.backend().wait(start + seconds(10));
    EXPECT_EQ(b.world.now(), start + seconds(10));
}

} // namespace
} // namespace fobrig::sim
