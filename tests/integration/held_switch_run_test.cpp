// A contact across the car's switch held through operator steps, on the simulated bench of
// sim-2-car.toml: closed before the prompt, opened when the step it is held through is done
// (before the car's answer to it), never past its max_hold_ms, and open at every end.
#include "tests/integration/simulated_session.hpp"

#include <gmock/gmock.h>

namespace fobrig {
namespace {

using testing::both_fobs;
using ::testing::HasSubstr;
using testing::procedure_with;
using testing::shipped_rig;
using testing::SimulatedSession;

const std::string enter_ack = "ack_sense = \"ignition\"     #";

// The Mini's ritual with its first key turn holding the car's door unlock switch (`through`:
// hold_through's value, or none).
Procedure holding_door_unlock(const std::string& through = {}) {
    return procedure_with(
        enter_ack, "hold = [\"door-unlock\"]\n" +
                       (through.empty() ? std::string() : "hold_through = \"" + through + "\"\n") +
                       enter_ack);
}

struct HeldSwitchRun : ::testing::Test {
    explicit HeldSwitchRun(Rig rig = shipped_rig("sim-2-car.toml"))
        : session({}, {}, std::move(rig)) {}

    // The commanded edges on the door unlock switch's line: (active, step, action, instant).
    std::vector<CommandedEdge> door_edges(const RunRecord& record) const {
        const std::size_t line = *session.rig.car_output("door-unlock");
        std::vector<CommandedEdge> edges;
        for (const CommandedEdge& edge : record.commanded) {
            if (edge.line == line) {
                edges.push_back(edge);
            }
        }
        return edges;
    }
    // The first fob edge of the learn step.
    Instant first_learn_edge(const RunRecord& record) const {
        for (const CommandedEdge& edge : record.commanded) {
            if (edge.step_id == "learn") {
                return edge.actual;
            }
        }
        return Instant::max();
    }

    SimulatedSession session;
};

TEST_F(HeldSwitchRun, TheSwitchIsHeldWhileTheOperatorWorksTheKeyAndLetGoBeforeTheFobs) {
    const RunRecord record = session.run_with(holding_door_unlock(), both_fobs);
    ASSERT_EQ(record.outcome, RunOutcome::passed) << record.reason;
    const auto edges = door_edges(record);
    ASSERT_EQ(edges.size(), 2u);
    EXPECT_TRUE(edges[0].active);
    EXPECT_EQ(edges[0].action, "hold");
    EXPECT_FALSE(edges[1].active);
    EXPECT_EQ(edges[1].action, "open");
    EXPECT_FALSE(edges[1].forced);
    const auto enter = std::ranges::find(record.operator_steps, "enter", &OperatorRecord::step_id);
    ASSERT_NE(enter, record.operator_steps.end());
    EXPECT_LE(edges[0].actual, enter->prompted);          // closed before the prompt
    EXPECT_GE(edges[1].actual, *enter->sensed);           // open once the key was out
    EXPECT_LT(edges[1].actual, first_learn_edge(record)); // and before any fob is pressed
}

TEST_F(HeldSwitchRun, HeldThroughALaterStepItOpensOnlyWhenThatStepIsDone) {
    const RunRecord record = session.run_with(holding_door_unlock("learn"), both_fobs);
    ASSERT_EQ(record.outcome, RunOutcome::passed) << record.reason;
    const auto edges = door_edges(record);
    ASSERT_EQ(edges.size(), 2u);
    EXPECT_EQ(edges[1].step_id, "learn");
    EXPECT_GT(edges[1].actual, first_learn_edge(record));
    EXPECT_LT(edges[1].actual - edges[0].actual,
              session.rig.outputs[*session.rig.car_output("door-unlock")].max_hold);
}

// A switch held past its output's max_hold_ms: the guard opens it and the attempt stops with
// what happened; nothing stays closed.
struct HeldTooLong : HeldSwitchRun {
    static Rig short_hold() {
        Rig rig = shipped_rig("sim-2-car.toml");
        rig.outputs[*rig.car_output("door-unlock")].max_hold = seconds(2);
        return rig;
    }
    HeldTooLong() : HeldSwitchRun(short_hold()) {}
};

TEST_F(HeldTooLong, TheGuardOpensItAndTheAttemptSaysSo) {
    Procedure procedure = holding_door_unlock();
    procedure.retry.max_attempts = 1;
    const RunRecord record = session.run_with(procedure, both_fobs);
    EXPECT_EQ(record.outcome, RunOutcome::failed);
    EXPECT_THAT(record.reason, HasSubstr("the guard opened the car's door-unlock switch at its "
                                         "max_hold_ms of 2 s, before 'enter' was done"));
    const auto edges = door_edges(record);
    ASSERT_GE(edges.size(), 2u);
    EXPECT_TRUE(edges[1].forced);
    EXPECT_EQ(edges[1].actual - edges[0].actual, seconds(2));
    EXPECT_TRUE(std::ranges::none_of(
        record.commanded, [](const CommandedEdge& edge) { return edge.step_id == "learn"; }));
}

} // namespace
} // namespace fobrig
