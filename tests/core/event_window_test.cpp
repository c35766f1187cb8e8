// The procedure's [[window]]s between named events, judged as the run goes: the Honda's
// ignition ON, press lock, ignition OFF, each 1 to 4 s apart, on the ignition input's edges.
#include "rig/core/programming_run.hpp"

#include "tests/support/scripted_rig.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace fobrig {
namespace {

using testing::Drive;
using ::testing::HasSubstr;
using testing::ScriptedBackend;
using testing::StallingClock;

constexpr std::size_t ignition_input = 2;

// Turns the key `turn_after` after each ignition prompt and never presses Enter: only the
// ignition input can acknowledge. Confirm prompts are acknowledged at once.
class KeyHand : public OperatorConsole {
public:
    KeyHand(Clock& clock, ScriptedBackend& car) : clock_(clock), car_(car) {}
    void prompt(const OperatorPrompt& prompt) override {
        prompts.push_back(prompt);
        acknowledged_.reset();
        if (prompt.action == OperatorAction::ignition_on ||
            prompt.action == OperatorAction::ignition_off) {
            car_.input_edge(ignition_input, prompt.action == OperatorAction::ignition_on,
                            clock_.now() + turn_after);
        } else {
            acknowledged_ = clock_.now();
        }
    }
    std::optional<Instant> acknowledged() override { return acknowledged_; }

    Duration turn_after = seconds(2);
    std::vector<OperatorPrompt> prompts;

private:
    Clock& clock_;
    ScriptedBackend& car_;
    std::optional<Instant> acknowledged_;
};

Step ignition_step(const std::string& id, const std::string& title, OperatorAction action) {
    return {.id = id,
            .title = title,
            .body = OperatorStep{.action = action, .prompt = title, .timeout = seconds(60)}};
}

Step lock_press(const std::string& id, const std::string& title, SequencePurpose purpose) {
    SequenceStep seq{.purpose = purpose,
                     .each_fob = false,
                     .start_after = seconds(2),
                     .tolerance = milliseconds(20)};
    seq.actions = {{.name = "press", .at = milliseconds(0), .press = {"lock"}},
                   {.name = "lift", .at = milliseconds(300), .release = {"lock"}}};
    if (purpose != SequencePurpose::ritual) {
        seq.confirm = Confirmation{.pattern = {"lock"}, .within = seconds(2), .after = "press"};
    }
    return {.id = id, .title = title, .body = seq};
}

// One Honda round, then the press the car answers once the ignition is off.
Procedure honda_round() {
    Procedure procedure{.id = "honda", .name = "Honda round"};
    procedure.buttons = {{"lock", "top"}, {"unlock", "bottom"}};
    procedure.steps = {ignition_step("on", "Turn the ignition on", OperatorAction::ignition_on),
                       lock_press("lock", "Press lock", SequencePurpose::ritual),
                       ignition_step("off", "Turn the ignition off", OperatorAction::ignition_off),
                       lock_press("learn", "Press lock again", SequencePurpose::program)};
    procedure.windows = {{.from = "on", .to = "lock.press", .min = seconds(1), .max = seconds(4)},
                         {.from = "lock.press", .to = "off", .min = seconds(1), .max = seconds(4)}};
    return procedure;
}

struct EventWindows : ::testing::Test {
    StallingClock clock;
    ScriptedBackend backend{clock};
    KeyHand hand{clock, backend};
    std::atomic<bool> abort{false};
    Rig rig = testing::one_slot_rig();
    Procedure procedure = honda_round();

    EventWindows() {
        rig.senses.push_back({.role = "ignition", .line = {"x", 10}});
        // The car answers the lock press that comes after the ignition went off.
        backend.responder = [this](ScriptedBackend& car, const Drive& drive) {
            if (drive.levels.size() == 1 && drive.levels[0].active && backend.drives.size() > 2) {
                car.car_signal(0, drive.at + milliseconds(150), milliseconds(300));
            }
        };
    }

    RunRecord run() {
        return run_procedure({.procedure = procedure, .rig = rig, .fobs = {{1, "owner-A"}}},
                             {clock, backend, hand, abort});
    }
};

TEST_F(EventWindows, AnOperatorInsideEveryWindowPassesAndTheRecordSaysWhatWasSensed) {
    const RunRecord record = run();
    EXPECT_EQ(record.outcome, RunOutcome::unverified) << record.reason; // no verify step
    EXPECT_TRUE(record.fobs.at(0).programmed);
    ASSERT_EQ(record.operator_steps.size(), 2u);
    for (const OperatorRecord& step : record.operator_steps) {
        EXPECT_TRUE(step.sensed.has_value()) << step.step_id;
    }
    // The ignition-off prompt carries the car's window: the operator reads it at once.
    ASSERT_EQ(hand.prompts.size(), 2u);
    EXPECT_EQ(hand.prompts[1].car_limit, "1 to 4 s after press of Press lock");
}

// The key turned off 0.6 s after the press (the lift at 0.3 s, then 0.3 s): too soon.
TEST_F(EventWindows, AnIgnitionTurnedOffTooSoonStopsTheAttemptAndTheVerdictSaysBy) {
    hand.turn_after = milliseconds(300);
    const RunRecord record = run();
    EXPECT_EQ(record.outcome, RunOutcome::failed);
    // The rig's own press came 2 s after the ignition turned on (start_after_ms): in its window.
    EXPECT_THAT(record.reason, HasSubstr("Turn the ignition off came 0.6 s after press of Press "
                                         "lock; the car wants 1 to 4 s"));
    ASSERT_EQ(record.attempts.size(), 1u);
    EXPECT_THAT(record.attempts[0].reason, HasSubstr("came 0.6 s after"));
    EXPECT_FALSE(record.fobs.at(0).programmed);
    EXPECT_EQ(backend.drives.size(), 2u); // the learn press was never driven
}

TEST_F(EventWindows, AnIgnitionTurnedOffTooLateIsNamedToo) {
    procedure.windows[1].max = seconds(2);
    hand.turn_after = seconds(3);
    const RunRecord record = run();
    EXPECT_THAT(record.reason, HasSubstr("Turn the ignition off came 3.3 s after press of Press "
                                         "lock; the car wants 1 to 2 s"));
}

// Without an ignition input the operator's Enter acknowledges each turn: the record says the
// steps were not sensed, and no window is judged on them (none is claimed kept or broken).
TEST_F(EventWindows, WithoutTheIgnitionInputNothingIsSensedAndNoWindowIsJudged) {
    rig.senses.pop_back();
    testing::PromptOperator person{clock, milliseconds(300)};
    const RunRecord record =
        run_procedure({.procedure = procedure, .rig = rig, .fobs = {{1, "owner-A"}}},
                      {clock, backend, person, abort});
    ASSERT_EQ(record.operator_steps.size(), 2u);
    EXPECT_FALSE(record.operator_steps[0].sensed.has_value());
    EXPECT_FALSE(record.operator_steps[1].sensed.has_value());
    EXPECT_TRUE(record.fobs.at(0).programmed) << record.reason;
    EXPECT_THAT(record.reason, ::testing::Not(HasSubstr("the car wants")));
}

// The operator pressed Enter before turning the key: the ignition's edge judges the step.
TEST_F(EventWindows, AnEarlyEnterWaitsForTheIgnitionsEdge) {
    rig.senses.back().role = "ignition";
    testing::PromptOperator early{clock, milliseconds(0)};
    backend.input_edge(ignition_input, true, clock.now() + seconds(2));
    procedure.steps.resize(2);
    procedure.steps.push_back(lock_press("learn", "Press lock again", SequencePurpose::program));
    procedure.windows.pop_back();
    backend.responder = [](ScriptedBackend& car, const Drive& drive) {
        if (drive.levels.size() == 1 && drive.levels[0].active) {
            car.car_signal(0, drive.at + milliseconds(150), milliseconds(300));
        }
    };
    const RunRecord record =
        run_procedure({.procedure = procedure, .rig = rig, .fobs = {{1, "owner-A"}}},
                      {clock, backend, early, abort});
    ASSERT_FALSE(record.operator_steps.empty());
    ASSERT_TRUE(record.operator_steps[0].sensed.has_value());
    EXPECT_EQ(*record.operator_steps[0].sensed - record.operator_steps[0].prompted, seconds(2));
    EXPECT_TRUE(record.fobs.at(0).programmed) << record.reason;
}

} // namespace
} // namespace fobrig
