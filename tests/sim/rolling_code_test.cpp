// The car's rolling-code window: how far a fob may run ahead, the two-press resync, and the
// faults that put a fob ahead or break one of its buttons.
#include "bench_fixture.hpp"
#include "sim/fault_options.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace fobrig::sim {
namespace {

using fixture::BenchFixture;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// Presses lock on slot 1 for 300 ms (three telegrams), then waits; returns the car's pulses.
std::vector<std::string> lock_press(BenchFixture& b) {
    const Instant start = b.world.now();
    b.press(1, {"lock"}, milliseconds(300));
    b.pass(seconds(1));
    return b.pulses_since(start);
}

// Fob 1 programmed, then pressed `telegrams` times away from the car.
BenchFixture& programmed_then_ahead(BenchFixture& b, std::uint32_t telegrams) {
    b.program({1});
    b.pass(seconds(1));
    b.bench.fob(1).advance_counter(telegrams);
    return b;
}

TEST(RollingCode, AnswersAFobUpToSixteenAhead) {
    BenchFixture b;
    programmed_then_ahead(b, 15); // its next telegram is the 16th
    EXPECT_THAT(lock_press(b), ElementsAre("lock"));
}

TEST(RollingCode, AnswersAFobSeventeenAheadOnlyFromItsSecondPress) {
    BenchFixture b;
    programmed_then_ahead(b, 16);
    EXPECT_THAT(lock_press(b), IsEmpty());
    EXPECT_THAT(lock_press(b), ElementsAre("lock"));
    EXPECT_THAT(lock_press(b), ElementsAre("lock"));
}

TEST(RollingCode, OneLongPressIsNotAResync) {
    BenchFixture b;
    programmed_then_ahead(b, 1000);
    const Instant start = b.world.now();
    b.press(1, {"lock"}, seconds(2)); // twenty telegrams with consecutive counters
    b.pass(seconds(1));
    EXPECT_THAT(b.pulses_since(start), IsEmpty());
}

TEST(RollingCode, AnotherFobsTelegramsInBetweenDoNotBreakAResync) {
    BenchFixture b;
    b.program({1, 2});
    b.pass(seconds(1));
    b.bench.fob(1).advance_counter(500);
    EXPECT_THAT(lock_press(b), IsEmpty());
    b.press(2, {"unlock"}, milliseconds(300));
    b.pass(seconds(1));
    EXPECT_THAT(lock_press(b), ElementsAre("lock"));
}

TEST(RollingCode, IgnoresAFobTooFarAheadUntilItIsProgrammedAgain) {
    BenchFixture b;
    programmed_then_ahead(b, 40000);
    EXPECT_THAT(lock_press(b), IsEmpty());
    EXPECT_THAT(lock_press(b), IsEmpty());
    b.program({1});
    b.pass(seconds(1));
    EXPECT_THAT(lock_press(b), ElementsAre("lock"));
}

TEST(RollingCode, IgnoresAReplayedCounter) {
    BenchFixture b;
    b.program({1});
    b.pass(seconds(1));
    const std::uint32_t id = b.fob_id(1);
    const std::uint32_t now = b.bench.fob(1).counter();
    b.bench.car().receive({.fob_id = id, .buttons = {.lock = true}, .counter = now - 3});
    b.pass(seconds(1));
    EXPECT_THAT(b.pulses_since(b.world.now() - seconds(1)), IsEmpty());
}

TEST(RollingCode, TheCounterAheadFaultPutsTheFobInTheKeyTableAhead) {
    BenchFixture near(make_car(), {}, {.counter_ahead = {{1, 10}}});
    EXPECT_THAT(near.bench.car().key_table(), ElementsAre(near.fob_id(1)));
    EXPECT_THAT(lock_press(near), ElementsAre("lock"));

    BenchFixture far(make_car(), {}, {.counter_ahead = {{1, 100}}});
    EXPECT_THAT(lock_press(far), IsEmpty());
    EXPECT_THAT(lock_press(far), ElementsAre("lock"));
}

TEST(RollingCode, AFobWithABrokenLockButtonIsNotLearned) {
    BenchFixture b(make_car(), {}, {.broken_buttons = {{1, ButtonMask{.lock = true}}}});
    b.program({1});
    EXPECT_THAT(b.bench.car().key_table(), IsEmpty());
}

TEST(RollingCode, ABrokenBootButtonDoesNotStopTheLearning) {
    BenchFixture b(make_car(), {}, {.broken_buttons = {{1, ButtonMask{.boot = true}}}});
    b.program({1});
    EXPECT_THAT(b.bench.car().key_table(), ElementsAre(b.fob_id(1)));
}

TEST(FaultOptions, ReadsBrokenButtonsAndCountersAhead) {
    const SimSetup setup = parse_sim_faults(
        {"broken-button=2.unlock", "counter-ahead=1:40000", "broken-button=2.lock"},
        fixture::sim_rig(2));
    EXPECT_EQ(setup.faults.broken_buttons.at(2), (ButtonMask{.lock = true, .unlock = true}));
    EXPECT_EQ(setup.faults.counter_ahead.at(1), 40000u);
    EXPECT_THROW(parse_sim_faults({"counter-ahead=1"}, fixture::sim_rig(2)), std::invalid_argument);
    EXPECT_THROW(parse_sim_faults({"broken-button=3.lock"}, fixture::sim_rig(2)),
                 std::invalid_argument);
}

// The two readings of the ritual the sources leave open are the receiver's, set by name.
TEST(FaultOptions, SetsHowTheReceiverReadsTheRitual) {
    const SimSetup strict = parse_sim_faults({}, fixture::sim_rig(2));
    EXPECT_FALSE(strict.quirks.chord_counts_as_press);
    EXPECT_EQ(strict.quirks.min_tap_gap, Duration{});
    const SimSetup fussy =
        parse_sim_faults({"chord-start", "min-tap-gap=1.8"}, fixture::sim_rig(2));
    EXPECT_TRUE(fussy.quirks.chord_counts_as_press);
    EXPECT_EQ(fussy.quirks.min_tap_gap, std::chrono::milliseconds(1800));
    EXPECT_THROW(parse_sim_faults({"chord-start=1"}, fixture::sim_rig(2)), std::invalid_argument);
    EXPECT_THROW(parse_sim_faults({"min-tap-gap=fast"}, fixture::sim_rig(2)),
                 std::invalid_argument);
}

// sim-2 has no slot 9: a flat battery there would change nothing and the run would pass.
TEST(FaultOptions, RefusesAFaultOnASlotTheRigLacksNamingItsSlots) {
    const std::string message = [] {
        try {
            parse_sim_faults({"flat-battery=9"}, fixture::sim_rig(2));
        } catch (const std::invalid_argument& error) {
            return std::string(error.what());
        }
        return std::string("accepted");
    }();
    EXPECT_EQ(message, "--sim-fault flat-battery: rig sim-test has no slot 9 (its slots: 1, 2)");
    EXPECT_THROW(parse_sim_faults({"counter-ahead=5:10"}, fixture::sim_rig(2)),
                 std::invalid_argument);
    EXPECT_EQ(parse_sim_faults({"flat-battery=2"}, fixture::sim_rig(2)).given,
              std::vector<std::string>{"flat-battery=2"});
}

} // namespace
} // namespace fobrig::sim
