// Operator steps the rig counts on its inputs, as Ford's: the ignition turned on 8 times within
// 8 s, ending on; the prompt carries the count as it goes, and a miscount says what was seen.
#include "rig/core/programming_run.hpp"

#include "tests/support/scripted_rig.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace fobrig {
namespace {

using testing::Drive;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::ScriptedBackend;
using testing::StallingClock;

constexpr std::size_t ignition_line = 2;

// Remembers every count it was shown; never presses Enter.
class CountWatcher : public OperatorConsole {
public:
    void prompt(const OperatorPrompt& prompt) override { prompts.push_back(prompt); }
    std::optional<Instant> acknowledged() override { return std::nullopt; }
    void counted(const OperatorPrompt& prompt) override { shown.push_back(prompt.done); }

    std::vector<OperatorPrompt> prompts;
    std::vector<int> shown;
};

Procedure ford() {
    SequenceStep learn{.purpose = SequencePurpose::program,
                       .each_fob = false,
                       .start_after = seconds(2),
                       .tolerance = milliseconds(20)};
    learn.actions = {{.name = "press", .at = milliseconds(0), .press = {"lock"}},
                     {.name = "lift", .at = milliseconds(300), .release = {"lock"}}};
    learn.confirm = Confirmation{.pattern = {"lock"}, .within = seconds(2), .after = "press"};
    Procedure procedure{.id = "ford", .name = "Ford"};
    procedure.buttons = {{"lock", "top"}, {"unlock", "bottom"}};
    procedure.steps = {
        {.id = "enter",
         .title = "Cycle the ignition 8 times",
         .body = OperatorStep{.action = OperatorAction::ignition_cycle,
                              .prompt = "OFF to RUN 8 times within 8 s, ending in RUN",
                              .timeout = seconds(60),
                              .count = 8,
                              .within = seconds(8),
                              .end_active = true}},
        {.id = "learn", .title = "Press lock", .body = learn}};
    return procedure;
}

struct CountedSteps : ::testing::Test {
    StallingClock clock;
    ScriptedBackend backend{clock};
    CountWatcher console;
    std::atomic<bool> abort{false};
    Rig rig = testing::one_slot_rig();
    Procedure procedure = ford();

    CountedSteps() {
        rig.senses.push_back({.role = "ignition", .line = {"x", 10}});
        backend.responder = [](ScriptedBackend& car, const Drive& drive) {
            if (drive.levels.size() == 1 && drive.levels[0].active) {
                car.car_signal(0, drive.at + milliseconds(150), milliseconds(300));
            }
        };
    }

    // `turns` turns of the key to on, `every` apart, each on for half of it; the last stays on.
    void turn_key(int turns, Duration every) {
        for (int i = 0; i < turns; ++i) {
            const Instant on = clock.now() + seconds(1) + every * i;
            backend.input_edge(ignition_line, true, on);
            if (i + 1 < turns) {
                backend.input_edge(ignition_line, false, on + every / 2);
            }
        }
    }

    RunRecord run() {
        return run_procedure({.procedure = procedure, .rig = rig, .fobs = {{1, ""}}},
                             {clock, backend, console, abort});
    }
};

TEST_F(CountedSteps, EightTurnsInsideTheirTimeEndingOnPassAndThePromptCounts) {
    turn_key(8, milliseconds(900));
    const RunRecord record = run();
    EXPECT_TRUE(record.fobs.at(0).programmed) << record.reason;
    ASSERT_FALSE(console.prompts.empty());
    EXPECT_EQ(console.prompts[0].count, 8);
    EXPECT_EQ(console.prompts[0].car_limit, "8 turns of the ignition to on within 8 s, ending on");
    EXPECT_THAT(console.shown, ElementsAre(1, 2, 3, 4, 5, 6, 7, 8));
    ASSERT_TRUE(record.operator_steps.at(0).sensed.has_value());
}

// Without a time limit the rig still judges the end: the prompt says it.
TEST_F(CountedSteps, APromptWithoutATimeLimitStillSaysHowTheStepEnds) {
    std::get<OperatorStep>(procedure.steps[0].body).within.reset();
    turn_key(8, milliseconds(900));
    const RunRecord record = run();
    EXPECT_TRUE(record.fobs.at(0).programmed) << record.reason;
    ASSERT_FALSE(console.prompts.empty());
    EXPECT_EQ(console.prompts[0].car_limit, "8 turns of the ignition to on, ending on");
}

TEST_F(CountedSteps, TooFewTurnsSayHowManyWereCounted) {
    turn_key(6, milliseconds(900));
    const RunRecord record = run();
    EXPECT_FALSE(record.fobs.at(0).programmed);
    EXPECT_THAT(record.reason, HasSubstr("'Cycle the ignition 8 times': the ignition input "
                                         "counted 6 of 8 turns of the ignition to on in 60 s"));
    EXPECT_TRUE(backend.drives.empty());
}

TEST_F(CountedSteps, TurnsTooSlowSayHowLongTheyTook) {
    turn_key(8, milliseconds(1300)); // 7 gaps of 1.3 s: 9.1 s
    const RunRecord record = run();
    EXPECT_THAT(record.reason, HasSubstr("8 turns of the ignition to on took 9.1 s, the car needs "
                                         "them within 8 s"));
    EXPECT_TRUE(backend.drives.empty());
}

// Ending off when the car wants on: the count is reached, the end never comes.
TEST_F(CountedSteps, EndingOnTheWrongSideIsNamed) {
    procedure.steps[0].body = [&] {
        OperatorStep op = std::get<OperatorStep>(procedure.steps[0].body);
        op.end_active = false;
        return op;
    }();
    turn_key(8, milliseconds(900)); // the last turn stays on
    const RunRecord record = run();
    EXPECT_THAT(record.reason, HasSubstr("counted 8 of 8 turns of the ignition to on in 60 s, "
                                         "and it did not end off"));
}

// A key cycle on a rig without a key-in input: a person acknowledges it, the record says it
// was not sensed.
TEST_F(CountedSteps, WithoutTheInputAPersonAcknowledgesAndNothingIsSensed) {
    procedure.steps[0].body = OperatorStep{.action = OperatorAction::key_cycle,
                                           .prompt = "Insert and remove the key 6 times",
                                           .timeout = seconds(60),
                                           .count = 6};
    testing::PromptOperator person{clock, milliseconds(500)};
    const RunRecord record = run_procedure({.procedure = procedure, .rig = rig, .fobs = {{1, ""}}},
                                           {clock, backend, person, abort});
    ASSERT_FALSE(record.operator_steps.empty());
    EXPECT_TRUE(record.operator_steps[0].acknowledged.has_value());
    EXPECT_FALSE(record.operator_steps[0].sensed.has_value());
    EXPECT_TRUE(record.fobs.at(0).programmed) << record.reason;
}

// Ford: "the locks cycle to confirm that you are in programming mode" once the count is done.
struct AnsweredCount : CountedSteps {
    AnsweredCount() {
        auto op = std::get<OperatorStep>(procedure.steps[0].body);
        op.confirm = Confirmation{.pattern = {"lock", "unlock"}, .within = seconds(3)};
        procedure.steps[0].body = op;
    }
    // The last of 8 turns, 900 ms apart from 1 s on, before the run.
    Instant last_turn() { return clock.now() + seconds(1) + milliseconds(900) * 7; }
};

TEST_F(AnsweredCount, TheLocksCyclingAfterTheCountAreTheCarsAnswer) {
    turn_key(8, milliseconds(900));
    backend.car_signal(0, last_turn() + milliseconds(500), milliseconds(300));
    backend.car_signal(1, last_turn() + milliseconds(1400), milliseconds(300));
    const RunRecord record = run();
    EXPECT_TRUE(record.fobs.at(0).programmed) << record.reason;
    ASSERT_FALSE(record.checks.empty());
    EXPECT_EQ(record.checks[0].step_id, "enter");
    EXPECT_TRUE(record.checks[0].passed);
    EXPECT_EQ(record.checks[0].latency, milliseconds(1400));
}

TEST_F(AnsweredCount, NoCycleAfterTheCountIsACarThatNeverEnteredProgrammingMode) {
    turn_key(8, milliseconds(900));
    const RunRecord record = run();
    EXPECT_FALSE(record.fobs.at(0).programmed);
    EXPECT_THAT(record.reason, HasSubstr("the car never showed it entered programming mode: no "
                                         "lock-unlock cycle within 3 s after 'Cycle the ignition "
                                         "8 times' was done"));
    EXPECT_TRUE(backend.drives.empty()); // no fob pressed into a car that is not listening
}

// The car's exact count and its failure pattern, on a sequence: Toyota's locks cycle once for
// success, twice for failure.
TEST_F(AnsweredCount, AFailurePatternIsNamedWithWhatItMeans) {
    auto learn = std::get<SequenceStep>(procedure.steps[1].body);
    learn.confirm = Confirmation{
        .pattern = {"lock", "unlock"},
        .within = seconds(4),
        .after = "press",
        .times = 1,
        .failures = {
            {.pattern = {"lock", "unlock"}, .times = 2, .means = "the car did not take the code"}}};
    procedure.steps[1].body = learn;
    std::get<OperatorStep>(procedure.steps[0].body).confirm.reset();
    backend.responder = [](ScriptedBackend& car, const Drive& drive) {
        if (drive.levels.size() == 1 && drive.levels[0].active) {
            for (const int cycle : {0, 1}) {
                car.car_signal(0, drive.at + milliseconds(200 + 1000 * cycle), milliseconds(300));
                car.car_signal(1, drive.at + milliseconds(700 + 1000 * cycle), milliseconds(300));
            }
        }
    };
    turn_key(8, milliseconds(900));
    const RunRecord record = run();
    EXPECT_FALSE(record.fobs.at(0).programmed);
    EXPECT_THAT(record.reason,
                HasSubstr("the car answered with the failure pattern, 2 lock-unlock cycles within "
                          "4 s after press: the car did not take the code (success is 1 "
                          "lock-unlock cycle)"));
}

} // namespace
} // namespace fobrig
