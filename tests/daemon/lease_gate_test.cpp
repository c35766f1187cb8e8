// A fleet run drives only while the rig's lease runs: found over on the run's thread, at a
// closing or on waking, the run is stopped once and nothing more closes; openings always pass.
#include "rig/daemon/lease_gate.hpp"
#include "rig/platform/monotonic_clock.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace fobrig {
namespace {

using namespace std::chrono_literals;

struct Lines : Backend {
    std::vector<OutputLevel> driven;
    void drive(std::span<const OutputLevel> levels) override {
        driven.insert(driven.end(), levels.begin(), levels.end());
    }
    void open_all() noexcept override {}
    std::span<const InputEdge> wait(Instant) override { return {}; }
};

struct Gated : ::testing::Test {
    Lines lines;
    int stops = 0;
    LeaseGate gate{lines, [this] { ++stops; }};
    const OutputLevel close{.channel = 1, .active = true};
    const OutputLevel open{.channel = 1, .active = false};
};

TEST_F(Gated, ARunOutsideTheFleetDrivesWithoutEnd) {
    gate.begin(std::nullopt);
    gate.drive({&close, 1});
    gate.wait(platform::monotonic_now());
    EXPECT_EQ(lines.driven.size(), 1u);
    EXPECT_FALSE(gate.lapsed());
    EXPECT_EQ(stops, 0);
}

TEST_F(Gated, AClosingAfterTheLeaseEndedNeverReachesTheLine) {
    gate.begin(platform::monotonic_now() + 1h);
    gate.drive({&close, 1});
    gate.extend(platform::monotonic_now() - 1s); // the holder ended it
    EXPECT_THROW(gate.drive({&close, 1}), LeaseLapsed);
    gate.drive({&open, 1});
    ASSERT_EQ(lines.driven.size(), 2u);
    EXPECT_FALSE(lines.driven.back().active);
    EXPECT_TRUE(gate.lapsed());
    EXPECT_EQ(stops, 1);
}

TEST_F(Gated, WakingAfterTheLeaseEndedStopsTheRunOnce) {
    gate.begin(platform::monotonic_now() - 1ms);
    gate.wait(platform::monotonic_now());
    gate.wait(platform::monotonic_now());
    EXPECT_TRUE(gate.lapsed());
    EXPECT_EQ(stops, 1);
    EXPECT_TRUE(lines.driven.empty());
}

TEST_F(Gated, ARenewalThatCameAfterTheEndDoesNotReviveTheRun) {
    gate.begin(platform::monotonic_now() - 1ms); // over, not noticed by the run yet
    gate.extend(platform::monotonic_now() + 1h);
    EXPECT_THROW(gate.drive({&close, 1}), LeaseLapsed);
    EXPECT_EQ(stops, 1);
}

TEST_F(Gated, ARenewalInTimeKeepsTheRunGoingAndTheNextRunStartsAfresh) {
    gate.begin(platform::monotonic_now() + 1h);
    gate.extend(platform::monotonic_now() + 2h);
    gate.drive({&close, 1});
    gate.begin(platform::monotonic_now() - 1ms);
    gate.wait(platform::monotonic_now());
    gate.begin(std::nullopt);
    gate.drive({&close, 1});
    EXPECT_EQ(lines.driven.size(), 2u);
    EXPECT_FALSE(gate.lapsed());
}

} // namespace
} // namespace fobrig
