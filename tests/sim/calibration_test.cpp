// Calibrating the simulator's relays through their read-back contacts, in virtual time.
#include "bench_fixture.hpp"
#include "rig/core/calibration.hpp"

#include <gtest/gtest.h>

namespace fobrig::sim {
namespace {

TEST(SimCalibration, RecoversEachRelaysConfiguredLatenciesAndItsBounce) {
    Rig rig = fixture::sim_rig(1);
    rig.outputs[0].readback = LineRef{.chip = "fobrig-sim", .offset = 20};
    rig.outputs[2].readback = LineRef{.chip = "fobrig-sim", .offset = 21};
    rig.outputs[2].operate_latency = milliseconds(7);
    rig.outputs[2].release_latency = microseconds(3500);
    fixture::BenchFixture b(mini_r50(), {}, {}, rig);

    const CalibrationEdges edges =
        press_for_calibration(b.bench.backend(), b.clock, b.rig, {.presses = 5});
    const auto result = calibrate(edges.commanded, edges.contact);

    ASSERT_EQ(result.size(), 2u); // the unlock relay has no read-back
    for (const ChannelCalibration& channel : result) {
        const OutputChannel& output = b.rig.outputs[channel.channel];
        EXPECT_EQ(channel.commands, 10u);
        EXPECT_EQ(channel.followed, 10u);
        EXPECT_EQ(channel.operate->min, output.operate_latency);
        EXPECT_EQ(channel.operate->max, output.operate_latency);
        EXPECT_EQ(channel.release->median, output.release_latency);
        EXPECT_EQ(channel.bounce->max, microseconds(900)); // the simulated relay's bounce
    }
    EXPECT_FALSE(b.bench.backend().relay(0).energised());
}

} // namespace
} // namespace fobrig::sim
