// What the operator is shown while an operator step is open: the car's limit that decides the
// step ("key out within 5 s"), its clock once the ignition input sees it start, and, when the
// step fails, what the inputs saw.
#include "tests/integration/simulated_session.hpp"

#include <gmock/gmock.h>

namespace fobrig {
namespace {

using testing::both_fobs;
using ::testing::HasSubstr;
using testing::SimulatedSession;

// Passes everything to the simulated operator and keeps what the run told the operator.
class WatchingConsole final : public OperatorConsole {
public:
    explicit WatchingConsole(OperatorConsole& person) : person_(person) {}
    void prompt(const OperatorPrompt& prompt) override {
        prompts.push_back(prompt);
        person_.prompt(prompt);
    }
    std::optional<Instant> acknowledged() override { return person_.acknowledged(); }
    void car_clock(const CarClock& clock) override { clocks.push_back(clock); }

    std::vector<OperatorPrompt> prompts;
    std::vector<CarClock> clocks;

private:
    OperatorConsole& person_;
};

TEST(OperatorLimits, TheKeyInPromptSaysTheCarsLimitAndFollowsItsClock) {
    SimulatedSession session; // the operator turns the key on 1 s after the prompt, off 2 s later
    WatchingConsole console(session.bench.operator_console());
    const RunRecord record =
        run_procedure({.procedure = session.procedure, .rig = session.rig, .fobs = both_fobs},
                      {session.clock, session.backend(), console, session.abort});
    ASSERT_EQ(record.outcome, RunOutcome::passed) << record.reason;

    const OperatorPrompt& enter = console.prompts.at(1); // after the prerequisites
    ASSERT_EQ(enter.step_id, "enter");
    EXPECT_EQ(enter.car_limit, "key out within 5 s of turning it on");
    EXPECT_EQ(enter.deadline - record.operator_steps.at(1).prompted, std::chrono::seconds(60));

    ASSERT_GE(console.clocks.size(), 2u);
    const CarClock& started = console.clocks[0];
    EXPECT_EQ(started.step_id, "enter");
    EXPECT_EQ(started.what, "key out");
    ASSERT_TRUE(started.deadline.has_value());
    // The key turned on 1 s after the prompt, seen by the input a few milliseconds later.
    const Duration car_limit_from_prompt = *started.deadline - record.operator_steps.at(1).prompted;
    EXPECT_GE(car_limit_from_prompt, std::chrono::seconds(6));
    EXPECT_LT(car_limit_from_prompt, std::chrono::milliseconds(6100));
    EXPECT_FALSE(console.clocks[1].deadline.has_value()) << "the key came out: the limit was met";
    // The confirm-only finalise step has no car limit.
    for (const OperatorPrompt& prompt : console.prompts) {
        if (prompt.step_id == "finalise") {
            EXPECT_EQ(prompt.car_limit, "");
        }
    }
}

// The operator confirms at once and never turns the key.
class ConfirmsWithoutTheKey final : public OperatorConsole {
public:
    explicit ConfirmsWithoutTheKey(Clock& clock) : clock_(clock) {}
    void prompt(const OperatorPrompt&) override { acknowledged_ = clock_.now(); }
    std::optional<Instant> acknowledged() override { return acknowledged_; }

private:
    Clock& clock_;
    std::optional<Instant> acknowledged_;
};

TEST(OperatorLimits, AKeyTurnNeverSeenSaysTheIgnitionInputSawNoChange) {
    SimulatedSession session;
    session.procedure.retry.max_attempts = 1;
    ConfirmsWithoutTheKey console(session.clock);
    const RunRecord record =
        run_procedure({.procedure = session.procedure, .rig = session.rig, .fobs = both_fobs},
                      {session.clock, session.backend(), console, session.abort});
    EXPECT_EQ(record.outcome, RunOutcome::failed);
    EXPECT_THAT(record.attempts.at(0).reason,
                HasSubstr("the ignition input did not see the key turn to position "
                          "1 and back during 'Put the car in programming mode'; "
                          "the ignition input saw no change in 60 s"));
}

TEST(OperatorLimits, AKeyLeftInIsMeasuredAgainstTheCarsLimit) {
    SimulatedSession session({}, {.ignition_hold = std::chrono::milliseconds(6200)});
    session.procedure.retry.max_attempts = 1;
    const RunRecord record = session.run(both_fobs);
    EXPECT_EQ(record.outcome, RunOutcome::failed);
    EXPECT_THAT(record.attempts.at(0).reason,
                HasSubstr("key left in for 6.2 s, the car needs under 5 s"));
}

} // namespace
} // namespace fobrig
