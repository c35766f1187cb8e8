// The simulated Mini's receiver, driven through relays and fobs as the rig drives it.
#include "bench_fixture.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace fobrig::sim {
namespace {

using fixture::BenchFixture;
using fixture::RitualShape;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

// Plays one ritual on slot 1 after entering programming mode; returns when it was released.
Instant enter_and_play(BenchFixture& b, RitualShape shape = {}) {
    b.ignition_cycle();
    b.pass(seconds(1));
    const Instant released = b.play_ritual(1, shape);
    b.pass(seconds(3));
    return released;
}

TEST(Car, LearnsTwoFobsInOneSessionAndConfirmsEachWithLockThenUnlock) {
    BenchFixture b;
    b.ignition_cycle();
    b.pass(seconds(1));
    const Instant first = b.play_ritual(1);
    b.pass(seconds(3));
    EXPECT_THAT(b.pulses_since(first), ElementsAre("lock", "unlock"));
    EXPECT_EQ(b.bmw().mode(), CarMode::session);

    const Instant second = b.play_ritual(2);
    b.pass(seconds(3));
    EXPECT_THAT(b.pulses_since(second), ElementsAre("lock", "unlock"));

    b.ignition_cycle();
    EXPECT_EQ(b.bmw().mode(), CarMode::normal);
    EXPECT_THAT(b.bench.car().key_table(), UnorderedElementsAre(b.fob_id(1), b.fob_id(2)));
}

// A fob whose lock taps come short (two, say: one did not make contact) teaches the car nothing,
// and the session goes on for the next key and its finalising turn.
TEST(Car, ABotchedHoldAfterALearnedKeyLeavesTheSessionOpen) {
    BenchFixture b;
    b.ignition_cycle();
    b.pass(seconds(1));
    b.play_ritual(1);
    b.pass(seconds(3));
    b.play_ritual(2, {.presses = 2});
    b.pass(seconds(3));
    EXPECT_EQ(b.bmw().mode(), CarMode::session);
    EXPECT_THAT(b.bench.car().notes(), ::testing::Contains("2 lock presses, the car counts 3"));
    const Instant again = b.play_ritual(2); // done right this time
    b.pass(seconds(3));
    EXPECT_THAT(b.pulses_since(again), ElementsAre("lock", "unlock"));
    b.ignition_cycle();
    EXPECT_EQ(b.bmw().mode(), CarMode::normal);
    EXPECT_THAT(b.bench.car().key_table(), UnorderedElementsAre(b.fob_id(1), b.fob_id(2)));
}

TEST(Car, ConfirmsWithinThreeSecondsOfTheRelease) {
    BenchFixture b;
    const Instant released = enter_and_play(b);
    ASSERT_EQ(b.edges.size(), 6u); // ignition on/off, then lock and unlock pulses
    EXPECT_GT(b.edges[2].at, released);
    EXPECT_LT(b.edges[5].at, released + seconds(3));
}

TEST(Car, FinalisingDoesNotRearmProgrammingMode) {
    BenchFixture b;
    b.program({1});
    b.pass(seconds(1));
    const Instant after = b.play_ritual(2);
    b.pass(seconds(3));
    EXPECT_THAT(b.pulses_since(after), IsEmpty());
    EXPECT_THAT(b.bench.car().key_table(), ElementsAre(b.fob_id(1)));
}

TEST(Car, ProgrammingAFobInALaterSessionErasesTheOthers) {
    BenchFixture b;
    b.program({1});
    ASSERT_THAT(b.bench.car().key_table(), ElementsAre(b.fob_id(1)));
    b.program({2});
    EXPECT_THAT(b.bench.car().key_table(), ElementsAre(b.fob_id(2)));
}

TEST(Car, KeyLeftInForSixSecondsDoesNotEnterProgrammingMode) {
    BenchFixture b(make_car(), {.ignition_hold = seconds(6)});
    b.ignition_cycle();
    EXPECT_EQ(b.bmw().mode(), CarMode::normal);
    b.pass(seconds(1));
    const Instant released = b.play_ritual(1);
    b.pass(seconds(3));
    EXPECT_THAT(b.pulses_since(released), IsEmpty());
    EXPECT_THAT(b.bench.car().key_table(), IsEmpty());
}

TEST(Car, IgnoresAHoldStartedThirtyOneSecondsAfterKeyRemoval) {
    BenchFixture b;
    b.ignition_cycle(); // acknowledged 0.5 s after the key came out
    b.pass(milliseconds(30500));
    EXPECT_EQ(b.bmw().mode(), CarMode::normal);
    const Instant released = b.play_ritual(1);
    b.pass(seconds(3));
    EXPECT_THAT(b.pulses_since(released), IsEmpty());
}

TEST(Car, GivesNoConfirmationWhenThePressesSpreadOverElevenSeconds) {
    BenchFixture b;
    const Instant released =
        enter_and_play(b, {.first_press = seconds(1), .press_spacing = seconds(5)});
    EXPECT_THAT(b.pulses_since(released), IsEmpty());
    EXPECT_THAT(b.bench.car().key_table(), IsEmpty());
}

TEST(Car, GivesNoConfirmationForTwoPresses) {
    BenchFixture b;
    const Instant released = enter_and_play(b, {.presses = 2});
    EXPECT_THAT(b.pulses_since(released), IsEmpty());
    EXPECT_EQ(b.bmw().mode(), CarMode::normal);
}

TEST(Car, GivesNoConfirmationForFourPresses) {
    BenchFixture b;
    const Instant released = enter_and_play(b, {.presses = 4});
    EXPECT_THAT(b.pulses_since(released), IsEmpty());
    EXPECT_EQ(b.bmw().mode(), CarMode::normal);
}

TEST(Car, GivesNoConfirmationWhenUnlockIsLetGoDuringTheHold) {
    BenchFixture b;
    b.ignition_cycle();
    b.pass(seconds(1));
    b.set_buttons(1, {"lock", "unlock"}, true);
    b.pass(milliseconds(500));
    b.set_buttons(1, {"unlock"}, false);
    b.pass(milliseconds(500));
    b.set_buttons(1, {"unlock"}, true);
    const Instant released = b.play_ritual(1); // the three presses, still holding both
    b.pass(seconds(3));
    EXPECT_THAT(b.pulses_since(released), IsEmpty());
}

TEST(Car, LeavesProgrammingModeThirtySecondsAfterTheKeyIsRemoved) {
    BenchFixture b;
    b.ignition_cycle();
    EXPECT_EQ(b.bmw().mode(), CarMode::armed);
    b.pass(seconds(29));
    EXPECT_EQ(b.bmw().mode(), CarMode::armed);
    b.pass(seconds(2));
    EXPECT_EQ(b.bmw().mode(), CarMode::normal);
}

TEST(Car, EndsTheSessionThirtySecondsAfterTheLastKeyWasLearned) {
    BenchFixture b;
    enter_and_play(b);
    EXPECT_EQ(b.bmw().mode(), CarMode::session);
    b.pass(seconds(31));
    EXPECT_EQ(b.bmw().mode(), CarMode::normal);
    EXPECT_THAT(b.bench.car().key_table(), ElementsAre(b.fob_id(1)));
}

TEST(Car, RefusesAKeyBeyondTheKeyTableSize) {
    BmwProfile car = mini_r50();
    car.receiver.key_table_size = 2;
    BenchFixture b(bmw_car(car), {}, {}, fixture::sim_rig(3));
    b.program({1, 2, 3});
    EXPECT_THAT(b.bench.car().key_table(), ElementsAre(b.fob_id(1), b.fob_id(2)));
}

// With fob 1 programmed: the car's pulses for a press of lock on `slot` lasting `length`.
std::vector<std::string> pulses_for_lock_press(int slot, Duration length) {
    BenchFixture b;
    b.program({1});
    b.pass(seconds(1));
    const Instant start = b.world.now();
    b.press(slot, {"lock"}, length);
    b.pass(seconds(1));
    return b.pulses_since(start);
}

TEST(Car, LocksForAProgrammedFob) {
    EXPECT_THAT(pulses_for_lock_press(1, milliseconds(300)), ElementsAre("lock"));
}

TEST(Car, IgnoresAnUnknownFob) {
    EXPECT_THAT(pulses_for_lock_press(2, milliseconds(300)), IsEmpty());
}

TEST(Car, DoesNotHearAThirtyMillisecondPress) {
    EXPECT_THAT(pulses_for_lock_press(1, milliseconds(30)), IsEmpty());
}

TEST(Car, UnlocksForAProgrammedFobAfterRelayFobAndCarDelays) {
    BenchFixture b;
    b.program({1});
    const Instant start = b.world.now();
    b.press(1, {"unlock"}, milliseconds(300));
    b.pass(seconds(1));
    ASSERT_THAT(b.pulses_since(start), ElementsAre("unlock"));
    // relay 10 ms and its bounce 0.9 ms, fob debounce and airtime 50 ms, car response 150 ms,
    // sense debounce 5 ms
    EXPECT_EQ(b.edges[b.edges.size() - 2].at - start, microseconds(215900));
}

// Keeps the instants the indicators come on in `on`.
void watch_indicators(BenchFixture& b, std::vector<Instant>& on) {
    b.bench.car().signal("indicator")->on_change([&b, &on](bool level) {
        if (level) {
            on.push_back(b.world.now());
        }
    });
}

TEST(Car, FlashesTheIndicatorsOnceForLockAndTwiceForUnlock) {
    BenchFixture b;
    b.program({1});
    std::vector<Instant> on;
    watch_indicators(b, on);
    b.press(1, {"lock"}, milliseconds(300));
    b.pass(seconds(2));
    ASSERT_EQ(on.size(), 1u);
    const Instant unlock_pressed = b.world.now();
    b.press(1, {"unlock"}, milliseconds(300));
    b.pass(seconds(2));
    ASSERT_EQ(on.size(), 3u);
    EXPECT_GT(on[1], unlock_pressed);
    EXPECT_EQ(on[2] - on[1], milliseconds(600)); // 300 ms on, 300 ms off
    EXPECT_FALSE(b.bench.car().signal("indicator")->level());
}

TEST(Car, ConfirmsALearnedKeyWithOneFlashThenTwo) {
    BenchFixture b;
    std::vector<Instant> on;
    watch_indicators(b, on);
    const Instant released = enter_and_play(b);
    ASSERT_EQ(on.size(), 3u);
    // With the lock pulse, then two with the unlock pulse 900 ms later.
    EXPECT_EQ(on[1] - on[0], milliseconds(900));
    EXPECT_EQ(on[2] - on[1], milliseconds(600));
    EXPECT_LT(on[2], released + seconds(3));
}

TEST(Car, WithADeadReceiverLearnsNothing) {
    BenchFixture b(make_car(), {}, {.dead_receiver = true});
    const Instant released = enter_and_play(b);
    EXPECT_THAT(b.pulses_since(released), IsEmpty());
    EXPECT_THAT(b.bench.car().key_table(), IsEmpty());
}

TEST(Car, DoesNotLearnAFobWithAFlatBattery) {
    BenchFixture b(make_car(), {}, {.flat_battery_slots = {1}});
    const Instant released = enter_and_play(b);
    EXPECT_THAT(b.pulses_since(released), IsEmpty());
    EXPECT_EQ(b.bench.fob(1).counter(), 0u);
}

TEST(Car, DoesNotLearnAFobWhoseLockRelayIsStuckOpen) {
    BenchFixture b(make_car(), {}, {.stuck_relays = {{0, RelayFault::stuck_open}}});
    const Instant released = enter_and_play(b);
    EXPECT_THAT(b.pulses_since(released), IsEmpty());
    EXPECT_THAT(b.bench.car().key_table(), IsEmpty());
}

TEST(Car, HearsNothingWhenEveryTelegramIsLost) {
    BenchFixture b(make_car(), {}, {.telegram_loss = 1.0});
    const Instant released = enter_and_play(b);
    EXPECT_THAT(b.pulses_since(released), IsEmpty());
    EXPECT_GT(b.bench.fob(1).counter(), 0u);
}

TEST(Car, LearnsWhenNoTelegramIsLost) {
    BenchFixture b(make_car(), {}, {.telegram_loss = 0.0, .seed = 42});
    const Instant released = enter_and_play(b);
    EXPECT_THAT(b.pulses_since(released), ElementsAre("lock", "unlock"));
}

// The receiver as the sources describe it: a strict car counts lock taps only from unlock held
// alone; a lenient one also takes the article's chord start as the first press.
BmwProfile lenient_car() {
    BmwProfile car = mini_r50();
    car.chord_counts_as_press = true;
    return car;
}

TEST(Car, StrictCarLearnsFromUnlockHeldAloneAndThreeLockTaps) {
    BenchFixture b;
    const Instant released = enter_and_play(b, {.press_spacing = milliseconds(1500)});
    EXPECT_THAT(b.pulses_since(released), ElementsAre("lock", "unlock"));
    EXPECT_THAT(b.bench.car().notes(), IsEmpty());
}

TEST(Car, StrictCarDoesNotTakeTheChordStartAndSaysSo) {
    BenchFixture b;
    const Instant released = enter_and_play(b, {.presses = 2, .chord = true});
    EXPECT_THAT(b.pulses_since(released), IsEmpty());
    EXPECT_THAT(b.bench.car().notes(),
                ElementsAre(HasSubstr("began with lock and unlock together")));
}

TEST(Car, StrictCarDoesNotLearnTheChordFollowedByThreePresses) {
    BenchFixture b;
    const Instant released = enter_and_play(b, {.presses = 3, .chord = true});
    EXPECT_THAT(b.pulses_since(released), IsEmpty());
    EXPECT_THAT(b.bench.car().key_table(), IsEmpty());
}

TEST(Car, LenientCarCountsTheChordAsTheFirstOfThreePresses) {
    BenchFixture b(bmw_car(lenient_car()));
    const Instant released = enter_and_play(b, {.presses = 2, .chord = true});
    EXPECT_THAT(b.pulses_since(released), ElementsAre("lock", "unlock"));
}

TEST(Car, LenientCarAlsoLearnsFromUnlockHeldAlone) {
    BenchFixture b(bmw_car(lenient_car()));
    const Instant released = enter_and_play(b);
    EXPECT_THAT(b.pulses_since(released), ElementsAre("lock", "unlock"));
}

TEST(Car, LenientCarCountsFourClosuresForTheChordAndThreePressesAndSaysSo) {
    BenchFixture b(bmw_car(lenient_car()));
    const Instant released = enter_and_play(b, {.presses = 3, .chord = true});
    EXPECT_THAT(b.pulses_since(released), IsEmpty());
    EXPECT_THAT(b.bench.car().notes(), ElementsAre("4 lock presses, the car counts 3"));
}

TEST(Car, DoesNotCountTapsFasterThanItsMinimumGap) {
    BmwProfile car = mini_r50();
    car.min_tap_gap = milliseconds(1800);
    BenchFixture b(bmw_car(car));
    const Instant released = enter_and_play(b, {.press_spacing = milliseconds(1500)});
    EXPECT_THAT(b.pulses_since(released), IsEmpty());
    EXPECT_THAT(b.bench.car().notes(), Contains(HasSubstr("not counted")));
    EXPECT_EQ(b.bench.car().notes().back(), "1 lock presses, the car counts 3");
}

TEST(Car, LearnsTapsAtItsMinimumGapOrSlower) {
    BmwProfile car = mini_r50();
    car.min_tap_gap = milliseconds(1800);
    BenchFixture b(bmw_car(car));
    const Instant released = enter_and_play(b, {.press_spacing = milliseconds(2000)});
    EXPECT_THAT(b.pulses_since(released), ElementsAre("lock", "unlock"));
}

} // namespace
} // namespace fobrig::sim
