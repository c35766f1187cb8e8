// The wiring check on the simulated bench, in virtual time: the relays' configured delays and
// closing bounce come back through their read-back contacts, a stuck relay is a fault, every
// output is released when the check is cut off, and hands on the car toggle the sense inputs.
#include "bench_fixture.hpp"
#include "rig/core/output_check.hpp"
#include "rig/core/sense_check.hpp"
#include "sim/car_by_hand.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace fobrig::sim {
namespace {

// The shape of config/rigs/sim-2-readback.toml: every relay read back on a spare contact, slot
// 1's relays at the defaults (6 ms to close, 4 ms to open), slot 2's slower to close (9/3 ms).
Rig readback_rig() {
    Rig rig = fixture::sim_rig(2);
    for (std::size_t channel = 0; channel < rig.outputs.size(); ++channel) {
        OutputChannel& output = rig.outputs[channel];
        output.readback = LineRef{.chip = "fobrig-sim", .offset = 16 + unsigned(channel)};
        output.readback_active_low = true;
        output.operate_latency = output.slot == 1 ? milliseconds(6) : milliseconds(9);
        output.release_latency = output.slot == 1 ? milliseconds(4) : milliseconds(3);
    }
    return rig;
}

TEST(SimWiringCheck, MeasuresEachRelaysConfiguredDelaysAndItsClosingBounce) {
    fixture::BenchFixture b(make_car(), {}, {}, readback_rig());
    const auto checks = check_outputs(b.bench.backend(), b.clock, b.rig, {});
    ASSERT_EQ(checks.size(), 6u);
    for (const OutputCheck& check : checks) {
        const OutputChannel& output = b.rig.outputs[check.channel];
        ASSERT_TRUE(check.close.has_value());
        ASSERT_TRUE(check.open.has_value());
        EXPECT_EQ(check.close->delay, output.operate_latency);
        EXPECT_EQ(check.open->delay, output.release_latency);
        // A relay's contact bounces on closing (four toggles within 0.9 ms), not on opening.
        EXPECT_EQ(check.close->bounce, microseconds(900));
        EXPECT_EQ(check.close->extra_edges, 4u);
        EXPECT_EQ(check.open->extra_edges, 0u);
        EXPECT_TRUE(check.other_contacts.empty());
        EXPECT_FALSE(check.fault());
        EXPECT_FALSE(b.bench.backend().relay(check.channel).energised());
    }
}

// Behind the interlock the board has power only while the wave plays: the check plays it around
// each press, so every relay closes and opens with its own delays, and the wave ends inactive.
TEST(SimWiringCheck, PlaysTheInterlocksWaveAroundEachPressAndLeavesItStopped) {
    Rig rig = readback_rig();
    rig.enable = EnableOutput{
        .line = {"fobrig-sim", 11}, .period = milliseconds(10), .hold = milliseconds(25)};
    fixture::BenchFixture b(make_car(), {}, {}, rig);
    const auto checks = check_outputs(b.bench.backend(), b.clock, b.rig, {});
    ASSERT_EQ(checks.size(), 6u);
    for (const OutputCheck& check : checks) {
        ASSERT_TRUE(check.close.has_value()) << check.channel;
        EXPECT_EQ(check.close->delay, b.rig.outputs[check.channel].operate_latency);
        EXPECT_FALSE(check.fault());
    }
    EXPECT_FALSE(b.bench.backend().line_high(b.rig.enable_channel()));
    b.clock.sleep_until(b.clock.now() + milliseconds(30));
    EXPECT_FALSE(b.bench.backend().supply()->powered());
}

TEST(SimWiringCheck, AStuckRelayIsAFault) {
    SimFaults faults;
    faults.stuck_relays = {{1, RelayFault::stuck_open}, {4, RelayFault::stuck_closed}};
    fixture::BenchFixture b(make_car(), {}, faults, readback_rig());
    const auto checks = check_outputs(b.bench.backend(), b.clock, b.rig, {});
    EXPECT_FALSE(checks[1].close.has_value());
    EXPECT_TRUE(checks[1].fault());
    EXPECT_TRUE(checks[4].close.has_value());
    EXPECT_FALSE(checks[4].open.has_value()) << "welded shut";
    EXPECT_TRUE(checks[4].fault());
    EXPECT_FALSE(checks[0].fault());
}

// Passes everything to the bench, until waiting fails while an output is closed.
class FailingWait final : public Backend {
public:
    explicit FailingWait(Backend& inner) : inner_(inner) {}
    void drive(std::span<const OutputLevel> levels) override { inner_.drive(levels); }
    void open_all() noexcept override { inner_.open_all(); }
    std::span<const InputEdge> wait(Instant) override { throw std::runtime_error("poll failed"); }

private:
    Backend& inner_;
};

TEST(SimWiringCheck, AnExceptionMidPulseReleasesTheOutput) {
    fixture::BenchFixture b(make_car(), {}, {}, readback_rig());
    FailingWait failing(b.bench.backend());
    EXPECT_THROW(check_outputs(failing, b.clock, b.rig, {}), std::runtime_error);
    b.pass(milliseconds(100));
    EXPECT_FALSE(b.bench.backend().relay(0).energised());
    EXPECT_FALSE(b.bench.backend().relay(0).contact().level());
}

TEST(SimWiringCheck, LockingUnlockingAndTheIgnitionByHandToggleTheirDebouncedInputs) {
    fixture::BenchFixture b(make_car(), {}, {}, readback_rig());
    CarByHand hands(b.world, b.bench.car());
    const Instant start = b.clock.now();
    const auto checks =
        check_senses(b.bench.backend(), b.clock, b.rig, {.levels = {false, false, false}}, &hands);
    ASSERT_EQ(checks.size(), 3u);
    for (const SenseCheck& check : checks) {
        EXPECT_TRUE(check.toggled()) << b.rig.senses[check.input].role;
        EXPECT_TRUE(check.others.empty());
        EXPECT_FALSE(check.fault());
    }
    EXPECT_LT(b.clock.now(), start + seconds(20)) << "no request waited out its 30 s";
}

} // namespace
} // namespace fobrig::sim
