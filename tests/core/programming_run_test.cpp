#include "rig/core/programming_run.hpp"

#include "tests/support/scripted_rig.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace fobrig {
namespace {

using testing::Drive;
using testing::ManualClock;
using testing::PromptOperator;
using testing::ScriptedBackend;
using testing::StallingClock;

Procedure learn_and_verify() {
    SequenceStep learn{.purpose = SequencePurpose::program,
                       .start_after = seconds(1),
                       .start_within = seconds(30),
                       .tolerance = milliseconds(20)};
    learn.actions = {{.name = "hold", .at = milliseconds(0), .press = {"lock", "unlock"}},
                     {.name = "release", .at = seconds(2), .release = {"lock", "unlock"}}};
    learn.confirm = Confirmation{.pattern = {"lock", "unlock"}, .within = seconds(3)};
    SequenceStep verify{.purpose = SequencePurpose::verify, .start_after = seconds(1)};
    verify.actions = {{.name = "press", .at = milliseconds(0), .press = {"lock"}},
                      {.name = "lift", .at = milliseconds(300), .release = {"lock"}}};
    verify.confirm = Confirmation{.pattern = {"lock"}, .within = seconds(2), .after = "press"};
    Procedure procedure{.id = "scripted", .name = "scripted car"};
    procedure.buttons = {{"lock", "centre"}, {"unlock", "blade side"}};
    procedure.steps.push_back({.id = "learn", .title = "Learn", .body = learn});
    procedure.steps.push_back({.id = "verify-lock", .title = "Check lock", .body = verify});
    procedure.retry = {.max_attempts = 2, .pause = seconds(5)};
    return procedure;
}

// A car that answers a release of both buttons with lock-unlock, and a lock press with lock.
void answer_like_a_car(ScriptedBackend& car, const Drive& drive) {
    if (drive.levels.size() == 2 && !drive.levels[0].active) {
        car.car_signal(0, drive.at + milliseconds(400), milliseconds(300));
        car.car_signal(1, drive.at + milliseconds(1300), milliseconds(300));
    } else if (drive.levels.size() == 1 && drive.levels[0].active && drive.levels[0].channel == 0) {
        car.car_signal(0, drive.at + milliseconds(150), milliseconds(300));
    }
}

struct ProgrammingRunTest : ::testing::Test {
    StallingClock clock;
    ScriptedBackend backend{clock};
    PromptOperator console{clock, milliseconds(500)};
    std::atomic<bool> abort{false};
    Rig rig = testing::one_slot_rig();
    Procedure procedure = learn_and_verify();

    RunRecord run() {
        return run_procedure({.procedure = procedure, .rig = rig, .fobs = {{1, "spare-A"}}},
                             {clock, backend, console, abort});
    }
};

TEST_F(ProgrammingRunTest, AnAnsweringCarPassesInTheFirstAttempt) {
    backend.responder = answer_like_a_car;
    const RunRecord record = run();
    EXPECT_EQ(record.outcome, RunOutcome::passed) << record.reason;
    ASSERT_EQ(record.fobs.size(), 1u);
    EXPECT_TRUE(record.fobs[0].programmed);
    EXPECT_TRUE(record.fobs[0].verified);
    ASSERT_EQ(record.checks.size(), 2u);
    EXPECT_EQ(record.checks[0].latency, milliseconds(1300));
    EXPECT_EQ(record.attempts.size(), 1u);
}

// The operator pressed Enter at once, then turned the key: the ignition input saw it on for
// 2 s, so the step passed, whatever the early Enter.
TEST_F(ProgrammingRunTest, AnIgnitionStepConfirmedBeforeTheKeyTurnedIsJudgedByTheInput) {
    backend.responder = answer_like_a_car;
    rig.senses.push_back({.role = "ignition", .line = {"x", 10}});
    procedure.steps.insert(procedure.steps.begin(),
                           {.id = "ignition",
                            .title = "Ignition to 1 and back",
                            .body = OperatorStep{.action = OperatorAction::ignition_cycle,
                                                 .prompt = "Turn the ignition to 1 and back",
                                                 .timeout = seconds(60),
                                                 .max_ignition_on = seconds(5)}});
    backend.car_signal(2, clock.now() + seconds(1), seconds(2));
    const RunRecord record = run();
    ASSERT_FALSE(record.operator_steps.empty());
    EXPECT_EQ(record.operator_steps[0].ignition_on, seconds(2));
    EXPECT_EQ(record.outcome, RunOutcome::passed) << record.reason;
}

// More fobs than the car keeps are refused before anything is driven, in the words of its key
// table: a stacking car would push the first ones out again.
TEST_F(ProgrammingRunTest, MoreFobsThanTheKeyTableHoldsAreRefusedInItsWords) {
    rig.slots = {1, 2, 3};
    procedure.applies_to.max_keys = 2;
    procedure.applies_to.key_table = KeyTablePolicy::stacking;
    const RunRequest request{
        .procedure = procedure, .rig = rig, .fobs = {{1, ""}, {2, ""}, {3, ""}}};
    EXPECT_THAT(run_refusals(request),
                ::testing::Contains("the car keeps the newest 2 keys, a new one erasing the "
                                    "oldest: program at most 2 fobs at once"));
    procedure.applies_to.key_table = KeyTablePolicy::erase_all;
    EXPECT_THAT(run_refusals(request),
                ::testing::Contains("the car keeps at most 2 keys and a session erases every key "
                                    "not programmed in it: program at most 2 fobs at once"));
    EXPECT_TRUE(backend.drives.empty());
}

TEST_F(ProgrammingRunTest, ASilentCarUsesEveryAttemptAndSaysWhy) {
    const RunRecord record = run();
    EXPECT_EQ(record.outcome, RunOutcome::failed);
    EXPECT_EQ(record.attempts.size(), 2u);
    EXPECT_NE(record.reason.find("the car never showed it entered programming mode: no answer at "
                                 "all to the program step in 2 attempts"),
              std::string::npos)
        << record.reason;
    EXPECT_FALSE(record.fobs[0].programmed);
}

TEST_F(ProgrammingRunTest, AnErrorMidRunReleasesEveryOutputAndIsRecorded) {
    backend.fail_after(1); // the hold is driven, then the board fails
    const RunRecord record = run();
    EXPECT_GE(backend.openings, 1);
    EXPECT_EQ(record.outcome, RunOutcome::failed);
    EXPECT_EQ(record.reason, "the run stopped on an error: relay board stopped answering");
    ASSERT_FALSE(record.commanded.empty());
    EXPECT_TRUE(record.commanded.back().forced);
    EXPECT_FALSE(record.commanded.back().active);
}

TEST_F(ProgrammingRunTest, AnAbortStopsTheRunAndReleasesEverything) {
    backend.responder = [&](ScriptedBackend&, const Drive&) { abort = true; };
    const RunRecord record = run();
    EXPECT_EQ(record.outcome, RunOutcome::aborted);
    EXPECT_GE(backend.openings, 1);
    EXPECT_EQ(backend.drives.size(), 1u);
}

TEST_F(ProgrammingRunTest, AStallStopsTheAttemptSaysSoAndTheNextAttemptPasses) {
    backend.responder = answer_like_a_car;
    // The learn hold is pressed 1 s after the start and held 2 s: the thread stalls 40 ms
    // before the release.
    clock.stall_once(clock.now() + seconds(3), milliseconds(40));
    const RunRecord record = run();
    ASSERT_EQ(record.attempts.size(), 2u);
    EXPECT_FALSE(record.attempts[0].passed);
    EXPECT_EQ(record.attempts[0].reason,
              "stopped by a stall of 40.0 ms before release (slot 1 (spare-A), Learn); every "
              "output was opened at once");
    EXPECT_TRUE(record.attempts[1].passed) << record.attempts[1].reason;
    EXPECT_EQ(record.outcome, RunOutcome::passed) << record.reason;
    // The first attempt's contacts were opened together by the stop, never by the schedule.
    std::size_t stall_opens = 0;
    for (const auto& edge : record.commanded) {
        stall_opens += edge.action == "stall" ? 1 : 0;
    }
    EXPECT_EQ(stall_opens, 2u);
}

TEST_F(ProgrammingRunTest, ARequestForAnUnwiredSlotIsRefusedBeforeAnythingIsDriven) {
    EXPECT_THROW(run_procedure({.procedure = procedure, .rig = rig, .fobs = {{2, ""}}},
                               {clock, backend, console, abort}),
                 std::invalid_argument);
    EXPECT_TRUE(backend.drives.empty());
}

} // namespace
} // namespace fobrig
