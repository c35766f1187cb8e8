// The simulated operator: the ignition cycle, counted turns of the ignition, the key and the
// door, and acknowledgements, at a profile's pace.
#include "bench_fixture.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <vector>

namespace fobrig::sim {
namespace {

using fixture::BenchFixture;

TEST(SimOperator, CyclesTheIgnitionThenAcknowledges) {
    BenchFixture b;
    const Instant start = b.world.now();
    b.bench.operator_console().prompt(
        {.step_id = "enter", .action = OperatorAction::ignition_cycle});
    b.pass(milliseconds(999));
    EXPECT_FALSE(b.bench.car().ignition_switch().level());
    b.pass(milliseconds(2));
    EXPECT_TRUE(b.bench.car().ignition_switch().level());
    b.pass_until(start + seconds(3));
    EXPECT_FALSE(b.bench.car().ignition_switch().level());
    EXPECT_FALSE(b.bench.operator_console().acknowledged().has_value());
    b.pass_until(start + milliseconds(3500));
    EXPECT_EQ(b.bench.operator_console().acknowledged(), start + milliseconds(3500));
}

// "Turns the key to position 1 and back, and removes it": with the key in, it comes out after
// the turn, and the acknowledgement after that.
TEST(SimOperator, AnIgnitionCycleEndsWithTheKeyOut) {
    BenchFixture b;
    ASSERT_TRUE(b.bench.car().work("key-in", true));
    const Instant start = b.world.now();
    b.bench.operator_console().prompt(
        {.step_id = "mode", .action = OperatorAction::ignition_cycle});
    b.pass_until(start + seconds(3));
    EXPECT_FALSE(b.bench.car().ignition_switch().level());
    EXPECT_TRUE(b.bench.car().signal("key-in")->level());
    b.pass_until(start + milliseconds(3400));
    EXPECT_FALSE(b.bench.car().signal("key-in")->level());
    EXPECT_EQ(b.bench.operator_console().acknowledged(), std::nullopt);
    b.pass_until(start + milliseconds(3900));
    EXPECT_EQ(b.bench.operator_console().acknowledged(), start + milliseconds(3900));
}

TEST(SimOperator, ASlowOperatorAcknowledgesAfterTheirResponse) {
    BenchFixture b(make_car(), {.response = seconds(35)});
    const Instant start = b.world.now();
    b.bench.operator_console().prompt({.step_id = "ready", .action = OperatorAction::confirm});
    b.pass(seconds(34));
    EXPECT_FALSE(b.bench.operator_console().acknowledged().has_value());
    b.pass(seconds(2));
    EXPECT_EQ(b.bench.operator_console().acknowledged(), start + seconds(35));
}

TEST(SimOperator, ANewPromptWithdrawsTheLastAcknowledgement) {
    BenchFixture b;
    b.bench.operator_console().prompt({.step_id = "one", .action = OperatorAction::confirm});
    b.pass(milliseconds(500));
    b.bench.operator_console().prompt({.step_id = "two", .action = OperatorAction::confirm});
    const Instant second = b.world.now();
    b.pass(milliseconds(600));
    EXPECT_FALSE(b.bench.operator_console().acknowledged().has_value());
    b.pass(seconds(1));
    EXPECT_EQ(b.bench.operator_console().acknowledged(), second + seconds(1));
}

// A counted step's prompt performed: when the switch of `role` turned on and off (from the
// prompt), where it was left, and when the operator acknowledged.
struct Performed {
    std::vector<Duration> on;
    std::vector<Duration> off;
    bool left_on = false;
    std::optional<Duration> acknowledged;
};

Performed perform(const std::string& car, OperatorProfile person, const OperatorPrompt& prompt,
                  const std::string& role) {
    BenchFixture b(make_car(car), person);
    const Instant start = b.world.now();
    Performed done;
    b.bench.car().signal(role)->on_change(
        [&](bool on) { (on ? done.on : done.off).push_back(b.world.now() - start); });
    b.bench.operator_console().prompt(prompt);
    b.pass(seconds(30));
    done.left_on = b.bench.car().signal(role)->level();
    if (const auto at = b.bench.operator_console().acknowledged()) {
        done.acknowledged = *at - start;
    }
    return done;
}

TEST(SimOperator, TurnsTheIgnitionOnTheCountedTimesEndingAsTheCarLimitSays) {
    const Performed done =
        perform("ford-focus-2014", {},
                {.step_id = "enter",
                 .action = OperatorAction::ignition_cycle,
                 .car_limit = "8 turns of the ignition to on within 8 s, ending on",
                 .count = 8},
                "ignition");
    ASSERT_EQ(done.on.size(), 8u);
    EXPECT_EQ(done.off.size(), 7u);
    EXPECT_TRUE(done.left_on);
    EXPECT_EQ(done.on.front(), seconds(1));
    EXPECT_EQ(done.on.back(), seconds(1) + 7 * milliseconds(800)); // 400 on, 400 off
    EXPECT_EQ(done.acknowledged, done.on.back() + milliseconds(500));
}

TEST(SimOperator, InsertsAndRemovesTheKeyEndingOutUnlessTheLimitSaysIn) {
    const OperatorPrompt prompt{.step_id = "enter",
                                .action = OperatorAction::key_cycle,
                                .car_limit = "7 insertions of the key within 10 s, ending out",
                                .count = 7};
    const Performed out = perform("nissan-200sx", {}, prompt, "key-in");
    EXPECT_EQ(out.on.size(), 7u);
    EXPECT_EQ(out.off.size(), 7u);
    EXPECT_FALSE(out.left_on);
    EXPECT_EQ(out.acknowledged, out.off.back() + milliseconds(500));

    OperatorPrompt ending_in = prompt;
    ending_in.car_limit = "3 insertions of the key within 25 s, ending in";
    ending_in.count = 3;
    const Performed in = perform("nissan-200sx", {}, ending_in, "key-in");
    EXPECT_EQ(in.on.size(), 3u);
    EXPECT_EQ(in.off.size(), 2u);
    EXPECT_TRUE(in.left_on);
}

TEST(SimOperator, OpensAndClosesTheDoorOnceForAnUncountedDoorCycle) {
    const Performed done = perform(
        "nissan-200sx", {}, {.step_id = "leave", .action = OperatorAction::door_cycle}, "door");
    EXPECT_EQ(done.on, std::vector<Duration>{seconds(1)});
    EXPECT_EQ(done.off, std::vector<Duration>{milliseconds(1400)});
}

TEST(SimOperator, AProfileSlipsATurnOrGoesSlowly) {
    const OperatorPrompt prompt{.step_id = "enter",
                                .action = OperatorAction::ignition_cycle,
                                .car_limit = "8 turns of the ignition to on within 8 s, ending on",
                                .count = 8};
    EXPECT_EQ(perform("ford-focus-2014", {.miscount = -1}, prompt, "ignition").on.size(), 7u);
    EXPECT_EQ(perform("ford-focus-2014", {.miscount = 1}, prompt, "ignition").on.size(), 9u);
    const Performed slow =
        perform("ford-focus-2014", {.turn_on = milliseconds(700), .turn_off = milliseconds(700)},
                prompt, "ignition");
    EXPECT_EQ(slow.on.back() - slow.on.front(), 7 * milliseconds(1400));
}

TEST(SimOperator, AKeyCycleOnACarWithoutAKeySwitchIsOnlyAcknowledged) {
    const Performed done =
        perform("mini-r50", {},
                {.step_id = "keys", .action = OperatorAction::key_cycle, .count = 2}, "ignition");
    EXPECT_TRUE(done.on.empty());
    EXPECT_TRUE(done.acknowledged.has_value());
}

} // namespace
} // namespace fobrig::sim
