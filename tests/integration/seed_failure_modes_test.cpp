// The article's procedure and its readers' failures, each against the simulated Mini.
#include "tests/integration/simulated_session.hpp"
#include "tests/support/edited_file.hpp"

#include <gmock/gmock.h>

namespace fobrig {
namespace {

using testing::both_fobs;
using ::testing::HasSubstr;
using testing::procedure_with;
using testing::SimulatedSession;

// The shipped procedure played its first way only, with passages of it changed: a reader's
// mistake, not undone by the next variant's retry.
Procedure first_way_with(const std::vector<std::pair<std::string, std::string>>& changes) {
    std::string text = testing::shipped_procedure_text();
    for (const auto& [from, to] : changes) {
        text = testing::replaced_once(text, from, to);
    }
    auto result = parse_procedure(text, "wrong-procedure.toml");
    if (!result.ok()) {
        throw std::logic_error(format(result.errors.front()));
    }
    return testing::only_variant(*result.value, "unlock-held");
}

std::size_t commanded_in(const RunRecord& record, const std::string& step) {
    return static_cast<std::size_t>(
        std::count_if(record.commanded.begin(), record.commanded.end(),
                      [&](const CommandedEdge& edge) { return edge.step_id == step; }));
}

TEST(SeedProcedure, ProgramsAndVerifiesTwoFobsInOneSession) {
    SimulatedSession session;
    const RunRecord record = session.run(both_fobs);

    EXPECT_EQ(record.outcome, RunOutcome::passed) << record.reason;
    EXPECT_EQ(record.attempts.size(), 1u);
    for (const auto& fob : record.fobs) {
        EXPECT_TRUE(fob.programmed && fob.verified) << "slot " << fob.slot << ": " << fob.reason;
    }
    EXPECT_THAT(session.bench.car().key_table(),
                ::testing::UnorderedElementsAre(sim::SimBench::fob_id_base + 1,
                                                sim::SimBench::fob_id_base + 2));
    ASSERT_EQ(record.checks.size(), 6u); // learn, verify-lock, verify-unlock for each fob
    for (const auto& check : record.checks) {
        EXPECT_TRUE(check.passed) << check.step_id << ": " << check.reason;
    }
}

TEST(SeedProcedure, KeyLeftInLongerThanFiveSecondsIsNamedAsTheReason) {
    SimulatedSession session({}, {.ignition_hold = milliseconds(6200)});
    const RunRecord record = session.run(both_fobs);

    EXPECT_EQ(record.outcome, RunOutcome::failed);
    EXPECT_EQ(record.reason, "key left in for 6.2 s, the car needs under 5 s");
    EXPECT_EQ(record.attempts.size(), 3u);
    EXPECT_EQ(commanded_in(record, "learn"), 0u) << "no fob is pressed once the window is lost";
}

TEST(SeedProcedure, MoreThanThirtySecondsBeforeTheHoldIsNamedAsTheReason) {
    // A procedure that waits for the operator's word, who gives it 31 s after removing the key.
    const Procedure waits_for_the_operator = procedure_with(
        "ack_sense = \"ignition\"     # with an ignition input, the key's removal is the "
        "acknowledgement",
        "");
    SimulatedSession session({}, {.ack_delay = seconds(31)});
    const RunRecord record = session.run_with(waits_for_the_operator, both_fobs);

    EXPECT_EQ(record.outcome, RunOutcome::failed);
    EXPECT_THAT(record.reason, HasSubstr("after the key was removed, the car needs under 30 s"));
    EXPECT_EQ(commanded_in(record, "learn"), 0u);
}

TEST(SeedProcedure, TheIgnitionInputAcknowledgesSoASlowOperatorCannotMissTheWindow) {
    SimulatedSession session({}, {.ack_delay = seconds(31)});
    const RunRecord record = session.run(both_fobs);

    EXPECT_EQ(record.outcome, RunOutcome::passed) << record.reason;
    ASSERT_FALSE(record.operator_steps.empty());
    const OperatorRecord& enter = record.operator_steps[1];
    EXPECT_EQ(enter.step_id, "enter");
    // Acknowledged when the key came out: 1 s to act, 2 s in the ignition, 10 ms debounce.
    EXPECT_EQ(*enter.acknowledged - enter.prompted, milliseconds(3010));
}

TEST(SeedProcedure, AProcedureFileThatWaitsTooLongFailsAgainstTheCar) {
    // Its author believed the car waits 40 s after the key is removed.
    const Procedure wrong = procedure_with("start_after_ms = 1000\nstart_within_ms = 30000",
                                           "start_after_ms = 32000\nstart_within_ms = 40000");
    SimulatedSession session;
    const RunRecord record = session.run_with(wrong, both_fobs);

    EXPECT_EQ(record.outcome, RunOutcome::failed);
    EXPECT_THAT(record.fobs[0].reason, HasSubstr("no lock-unlock cycle within 3 s after release"));
}

TEST(SeedProcedure, ThreePressesSpreadOverMoreThanTenSecondsFailAgainstTheCar) {
    const Procedure wrong =
        first_way_with({{R"({ name = "press2",  at_ms = 2500, press = ["lock"] },
    { name = "lift2",   at_ms = 2800, release = ["lock"] },
    { name = "press3",  at_ms = 4000, press = ["lock"] },
    { name = "release", at_ms = 4300, release = ["lock", "unlock"] },)",
                         R"({ name = "press2",  at_ms = 6000, press = ["lock"] },
    { name = "lift2",   at_ms = 6300, release = ["lock"] },
    { name = "press3",  at_ms = 10600, press = ["lock"] },
    { name = "release", at_ms = 10900, release = ["lock", "unlock"] },)"},
                        {R"({ from = "hold", to = "press3", max_ms = 10000 },)",
                         R"({ from = "hold", to = "press3", max_ms = 12000 },)"}});
    Rig rig = testing::shipped_rig();
    for (auto& output : rig.outputs) {
        output.max_hold = seconds(15); // so the rig lets the long hold through to the car
    }
    SimulatedSession session({}, {}, rig);
    const RunRecord record = session.run_with(wrong, both_fobs);

    EXPECT_EQ(record.outcome, RunOutcome::failed);
    EXPECT_THAT(record.fobs[0].reason, HasSubstr("no lock-unlock cycle within 3 s after release"));
    EXPECT_TRUE(session.bench.car().key_table().empty());
}

TEST(SeedProcedure, OnlyTwoLockPressesFailAgainstTheCar) {
    const Procedure wrong =
        first_way_with({{R"({ name = "press3",  at_ms = 4000, press = ["lock"] },
    { name = "release", at_ms = 4300, release = ["lock", "unlock"] },)",
                         R"({ name = "release", at_ms = 4000, release = ["unlock"] },)"},
                        {R"({ from = "hold", to = "press3", max_ms = 10000 },)",
                         R"({ from = "hold", to = "press2", max_ms = 10000 },)"}});
    SimulatedSession session;
    const RunRecord record = session.run_with(wrong, both_fobs);

    EXPECT_EQ(record.outcome, RunOutcome::failed);
    EXPECT_THAT(record.fobs[1].reason, HasSubstr("no lock-unlock cycle within 3 s after release"));
}

TEST(SeedProcedure, PressesShorterThanOneTelegramAreNotHeard) {
    const Procedure wrong =
        first_way_with({{R"({ name = "press1",  at_ms = 1000, press = ["lock"] },
    { name = "lift1",   at_ms = 1300, release = ["lock"] },)",
                         R"({ name = "press1",  at_ms = 1000, press = ["lock"] },
    { name = "lift1",   at_ms = 1030, release = ["lock"] },)"}});
    SimulatedSession session;
    const RunRecord record = session.run_with(wrong, both_fobs);

    EXPECT_EQ(record.outcome, RunOutcome::failed);
    EXPECT_FALSE(record.fobs[0].programmed);
}

TEST(SeedProcedure, AFobProgrammedInALaterSessionDeprogramsTheFirst) {
    SimulatedSession session;
    ASSERT_EQ(session.run({{1, "owner-A"}}).outcome, RunOutcome::passed);
    ASSERT_EQ(session.run({{2, "owner-B"}}).outcome, RunOutcome::passed);

    const RunRecord check = session.run(both_fobs, RunMode::verify);
    EXPECT_EQ(check.outcome, RunOutcome::failed);
    EXPECT_FALSE(check.fobs[0].passed) << "slot 1 was erased by slot 2's session";
    EXPECT_THAT(check.fobs[0].reason, HasSubstr("no lock signal"));
    EXPECT_TRUE(check.fobs[1].passed) << check.fobs[1].reason;
}

TEST(SeedProcedure, ProgrammingBothFobsInOneSessionKeepsBoth) {
    SimulatedSession session;
    ASSERT_EQ(session.run(both_fobs).outcome, RunOutcome::passed);

    const RunRecord check = session.run(both_fobs, RunMode::verify);
    EXPECT_EQ(check.outcome, RunOutcome::passed) << check.reason;
}

TEST(SeedProcedure, ADeadReceiverFailsEveryAttemptAndPointsAtTheReceiver) {
    SimulatedSession session({.dead_receiver = true});
    const RunRecord record = session.run(both_fobs);

    EXPECT_EQ(record.outcome, RunOutcome::failed);
    EXPECT_EQ(record.attempts.size(), 3u);
    EXPECT_THAT(
        record.reason,
        HasSubstr("the car never showed it entered programming mode: no answer at all to the "
                  "program step in 3 attempts"));
    EXPECT_THAT(record.reason, HasSubstr("receiver"));
}

// The relays' read-back contacts move with every press: they are the rig's own lines, no answer
// of the car's.
TEST(SeedProcedure, ADeadReceiverOnARigWithReadBackContactsStillNeverAnswered) {
    SimulatedSession session({.dead_receiver = true}, {},
                             testing::shipped_rig("sim-2-readback.toml"));
    const RunRecord record = session.run(both_fobs);

    EXPECT_EQ(record.outcome, RunOutcome::failed);
    EXPECT_THAT(record.reason, HasSubstr("the car never showed it entered programming mode"));
}

TEST(SeedProcedure, AFlatBatteryFailsThatFobAndPassesTheOther) {
    SimulatedSession session({.flat_battery_slots = {2}});
    const RunRecord record = session.run(both_fobs);

    EXPECT_EQ(record.outcome, RunOutcome::failed);
    EXPECT_TRUE(record.fobs[0].passed) << record.fobs[0].reason;
    EXPECT_FALSE(record.fobs[1].passed);
    EXPECT_THAT(record.fobs[1].reason, HasSubstr("check its battery"));
    EXPECT_THAT(session.bench.car().key_table(),
                ::testing::ElementsAre(sim::SimBench::fob_id_base + 1));
}

TEST(SeedProcedure, ARelayThatNeverClosesFailsItsFob) {
    const Rig rig = testing::shipped_rig();
    SimulatedSession session(
        {.stuck_relays = {{*rig.output_index(2, "unlock"), sim::RelayFault::stuck_open}}});
    const RunRecord record = session.run(both_fobs);

    EXPECT_TRUE(record.fobs[0].passed) << record.fobs[0].reason;
    EXPECT_FALSE(record.fobs[1].passed);
}

// A backend that fails in the middle of the first fob's presses, as a relay board that drops
// off the bus would.
struct FailingSession : SimulatedSession {
    struct FailingBackend : Backend {
        explicit FailingBackend(Backend& real) : real(real) {}
        void drive(std::span<const OutputLevel> levels) override {
            if (++drives == 3) {
                throw std::runtime_error("relay board stopped answering");
            }
            real.drive(levels);
        }
        void open_all() noexcept override { real.open_all(); }
        std::span<const InputEdge> wait(Instant deadline) override { return real.wait(deadline); }
        Backend& real;
        int drives = 0;
    };
    Backend& backend() override { return failing; }
    FailingBackend failing{bench.backend()};
};

TEST(SeedProcedure, AnExceptionMidRunReleasesEveryOutput) {
    FailingSession session;
    const RunRecord record = session.run(both_fobs);

    EXPECT_EQ(record.outcome, RunOutcome::failed);
    EXPECT_THAT(record.reason, HasSubstr("relay board stopped answering"));
    for (std::size_t channel = 0; channel < session.rig.outputs.size(); ++channel) {
        // Active-low relay inputs: a released line sits high.
        EXPECT_TRUE(session.bench.backend().line_high(channel)) << "channel " << channel;
    }
}

} // namespace
} // namespace fobrig
