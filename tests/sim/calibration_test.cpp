// Calibrating the simulator's relays through their read-back contacts, in virtual time.
#include "bench_fixture.hpp"
#include "rig/core/calibration.hpp"

#include <gtest/gtest.h>

namespace fobrig::sim {
namespace {

// Slot 1's lock relay at the defaults and its boot relay slower, both read back.
Rig calibrated_rig() {
    Rig rig = fixture::sim_rig(1);
    rig.outputs[0].readback = LineRef{.chip = "fobrig-sim", .offset = 20};
    rig.outputs[2].readback = LineRef{.chip = "fobrig-sim", .offset = 21};
    rig.outputs[2].operate_latency = milliseconds(7);
    rig.outputs[2].release_latency = microseconds(3500);
    return rig;
}

void expect_latencies_recovered(const Rig& rig) {
    fixture::BenchFixture b(make_car(), {}, {}, rig);

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

TEST(SimCalibration, RecoversEachRelaysConfiguredLatenciesAndItsBounce) {
    expect_latencies_recovered(calibrated_rig());
}

// The board behind the interlock has power only while the wave plays, around each press.
TEST(SimCalibration, PlaysTheInterlocksWaveSoThatTheBoardHasPower) {
    Rig rig = calibrated_rig();
    rig.enable = EnableOutput{
        .line = {"fobrig-sim", 11}, .period = milliseconds(10), .hold = milliseconds(25)};
    expect_latencies_recovered(rig);
}

} // namespace
} // namespace fobrig::sim
