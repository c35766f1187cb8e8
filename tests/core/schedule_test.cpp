// The schedule's arithmetic: actions to edges, each commanded early by its switch's latency.
#include "rig/core/schedule.hpp"

#include "tests/support/scripted_rig.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace fobrig {
namespace {

using testing::one_slot_rig_with_latencies;

SequenceStep two_actions(std::vector<std::string> first_press, Duration second_at,
                         std::vector<std::string> second_release) {
    SequenceStep step;
    step.actions.push_back({.name = "press", .at = milliseconds(0), .press = first_press});
    step.actions.push_back({.name = "lift", .at = second_at, .release = second_release});
    return step;
}

// lock+unlock pressed at 0 and released at 1 s.
SequencePlan chord_plan(const Rig& rig) {
    return plan_sequence("learn", two_actions({"lock", "unlock"}, seconds(1), {"lock", "unlock"}),
                         rig, 1);
}

// Both buttons on relays.
Rig relays() {
    return one_slot_rig_with_latencies(milliseconds(6), milliseconds(4), milliseconds(6),
                                       milliseconds(4));
}

// lock on a relay, unlock on an optocoupler.
Rig relay_and_optocoupler() {
    return one_slot_rig_with_latencies(milliseconds(6), milliseconds(4), microseconds(20),
                                       microseconds(20));
}

TEST(ScheduleTest, WithoutLatencyEachActionIsOneEdgeAtItsInstant) {
    const auto plan = chord_plan(testing::one_slot_rig());
    ASSERT_EQ(plan.edges.size(), 2u);
    EXPECT_EQ(plan.edges[0].at, milliseconds(0));
    EXPECT_EQ(plan.edges[0].levels.size(), 2u);
    EXPECT_EQ(plan.edges[1].at, seconds(1));
    EXPECT_EQ(plan.lead(), Duration{});
}

TEST(ScheduleTest, EachEdgeIsCommandedEarlyByItsSwitchLatency) {
    const auto plan =
        plan_sequence("learn", two_actions({"lock"}, milliseconds(1000), {"lock"}), relays(), 1);
    ASSERT_EQ(plan.edges.size(), 2u);
    EXPECT_EQ(plan.edges[0].at, -milliseconds(6));
    EXPECT_EQ(plan.edges[0].contact, milliseconds(0));
    EXPECT_EQ(plan.edges[1].at, milliseconds(996));
    EXPECT_EQ(plan.edges[1].contact, milliseconds(1000));
    EXPECT_EQ(plan.lead(), milliseconds(6));
    EXPECT_EQ(plan.last_edge(), milliseconds(1000));
}

TEST(ScheduleTest, AChordOfEqualLatenciesStaysOneEdge) {
    const auto plan = chord_plan(relays());
    ASSERT_EQ(plan.edges.size(), 2u);
    EXPECT_EQ(plan.edges[0].levels.size(), 2u);
    EXPECT_EQ(plan.edges[1].levels.size(), 2u);
}

TEST(ScheduleTest, AChordOfDifferentLatenciesIsOneEdgePerLatencySlowestFirst) {
    const auto plan = chord_plan(relay_and_optocoupler()); // both contacts close at 0
    ASSERT_EQ(plan.edges.size(), 4u);
    EXPECT_EQ(plan.edges[0].at, -milliseconds(6));
    EXPECT_EQ(plan.edges[0].levels.size(), 1u);
    EXPECT_EQ(plan.edges[0].levels[0].channel, 0u);
    EXPECT_EQ(plan.edges[1].at, -microseconds(20));
    EXPECT_EQ(plan.edges[1].levels[0].channel, 1u);
    for (const auto& edge : plan.edges) {
        EXPECT_EQ(edge.contact, edge.action == "press" ? Duration{} : seconds(1));
    }
}

TEST(ScheduleTest, CommandsAreOrderedByWhenTheyAreSentNotByAction) {
    // unlock (fast) opens at 1000 ms; lock (slow) closes at 1002 ms, so it is sent first.
    SequenceStep step;
    step.actions.push_back({.name = "hold", .at = milliseconds(0), .press = {"unlock"}});
    step.actions.push_back({.name = "open", .at = milliseconds(1000), .release = {"unlock"}});
    step.actions.push_back({.name = "close", .at = milliseconds(1002), .press = {"lock"}});
    const auto plan = plan_sequence("learn", step, relay_and_optocoupler(), 1);
    ASSERT_EQ(plan.edges.size(), 3u);
    EXPECT_EQ(plan.edges[1].action, "close");
    EXPECT_EQ(plan.edges[1].at, milliseconds(996));
    EXPECT_EQ(plan.edges[2].action, "open");
}

TEST(ScheduleTest, RefusesAPressTooShortForItsSwitchLatencies) {
    // It takes 5 ms longer to open than to close: a 2 ms press would be sent open before closed.
    const Rig rig = one_slot_rig_with_latencies(milliseconds(1), milliseconds(6), milliseconds(1),
                                                milliseconds(6));
    EXPECT_THROW(plan_sequence("learn", two_actions({"lock"}, milliseconds(2), {"lock"}), rig, 1),
                 std::invalid_argument);
}

TEST(ScheduleTest, RefusesAButtonTheSlotDoesNotHave) {
    const Rig rig = testing::one_slot_rig();
    EXPECT_THROW(plan_sequence("learn", two_actions({"boot"}, seconds(1), {"boot"}), rig, 1),
                 std::invalid_argument);
}

} // namespace
} // namespace fobrig
