// The simulated operator: the ignition cycle and acknowledgements, at a profile's pace.
#include "bench_fixture.hpp"

#include <gtest/gtest.h>

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

} // namespace
} // namespace fobrig::sim
