// A verdict never claims more than the record shows: fobs that no verify step checked are
// "unverified", never "passed"; and a retry starts from a known state of the car.
#include "tests/integration/simulated_session.hpp"
#include "tests/support/edited_file.hpp"

#include <gmock/gmock.h>

namespace fobrig {
namespace {

using testing::both_fobs;
using ::testing::HasSubstr;
using testing::procedure_with;
using testing::SimulatedSession;

// The shipped procedure with every `from` replaced by `to`.
Procedure procedure_with_all(const std::string& from, const std::string& to) {
    auto result = parse_procedure(testing::replaced(testing::shipped_procedure_text(), from, to),
                                  "changed.toml");
    if (!result.ok()) {
        throw std::logic_error(format(result.errors.front()));
    }
    return *result.value;
}

TEST(Verdict, VerifyStepsForTheFirstFobOnlyLeaveTheSecondUnverifiedNotPassed) {
    const Procedure first_only = procedure_with_all("purpose = \"verify\"\neach_fob = true",
                                                    "purpose = \"verify\"\neach_fob = false");
    SimulatedSession session;
    const RunRecord record = session.run_with(first_only, both_fobs);

    EXPECT_EQ(record.outcome, RunOutcome::unverified);
    EXPECT_EQ(record.reason,
              "every fob programmed in one session with variant 'unlock-held' at attempt 1; "
              "not verified: slot 2 "
              "(owner-B): not checked by 'verify-lock', 'verify-unlock'");
    EXPECT_EQ(record.attempts.size(), 1u) << "another attempt cannot verify what no step checks";
    ASSERT_EQ(record.fobs.size(), 2u);
    EXPECT_TRUE(record.fobs[0].passed && record.fobs[0].verified);
    EXPECT_TRUE(record.fobs[1].programmed);
    EXPECT_FALSE(record.fobs[1].verified);
    EXPECT_FALSE(record.fobs[1].passed);
    EXPECT_EQ(record.fobs[1].reason,
              "programmed; not verified: not checked by 'verify-lock', 'verify-unlock'");
}

TEST(Verdict, AProcedureWithoutVerifyStepsProgramsButNeverSaysVerified) {
    std::string text = testing::shipped_procedure_text();
    text.erase(text.find("[[step]]\nid = \"verify-lock\""),
               text.find("[indicator]") - text.find("[[step]]\nid = \"verify-lock\""));
    const auto loaded = parse_procedure(text, "no-verify.toml");
    ASSERT_TRUE(loaded.ok()) << format(loaded.errors.front());
    SimulatedSession session;
    const RunRecord record = session.run_with(*loaded.value, both_fobs);

    EXPECT_EQ(record.outcome, RunOutcome::unverified);
    EXPECT_EQ(record.reason,
              "every fob programmed in one session with variant 'unlock-held' at attempt 1; "
              "not verified: the "
              "procedure has no verify step");
    for (const FobVerdict& fob : record.fobs) {
        EXPECT_TRUE(fob.programmed);
        EXPECT_FALSE(fob.verified);
        EXPECT_FALSE(fob.passed);
    }
}

TEST(Verdict, AVerifyRunOfAProcedureWithoutVerifyStepsIsRefusedBeforeAnythingIsDriven) {
    std::string text = testing::shipped_procedure_text();
    text.erase(text.find("[[step]]\nid = \"verify-lock\""),
               text.find("[indicator]") - text.find("[[step]]\nid = \"verify-lock\""));
    const Procedure no_verify = *parse_procedure(text, "no-verify.toml").value;
    const Rig rig = testing::shipped_rig();
    EXPECT_THAT(
        run_refusals(
            {.procedure = no_verify, .rig = rig, .fobs = both_fobs, .mode = RunMode::verify}),
        ::testing::ElementsAre("procedure 'mini-r50-2004' has no verify step that "
                               "checks the car's answer"));
}

TEST(Verdict, AProgramStepForOneFobRefusesARunForTwo) {
    const Procedure one_fob = procedure_with("purpose = \"program\"\neach_fob = true",
                                             "purpose = \"program\"\neach_fob = false");
    const Rig rig = testing::shipped_rig();
    EXPECT_THAT(
        run_refusals({.procedure = one_fob, .rig = rig, .fobs = both_fobs}),
        ::testing::ElementsAre("step 'learn' programs one fob (each_fob = false): give one slot"));
}

TEST(Verdict, AFobTheCarDoesNotHearFailsTheRunRatherThanLeavingItUnverified) {
    SimulatedSession session({.flat_battery_slots = {2}});
    const RunRecord record = session.run(both_fobs);
    EXPECT_EQ(record.outcome, RunOutcome::failed);
    EXPECT_TRUE(record.fobs[0].passed);
    EXPECT_FALSE(record.fobs[1].programmed);
    EXPECT_FALSE(record.fobs[1].verified);
}

// Leaves the first prompt of one step unanswered (the operator walked away), so that the
// attempt stops there; every other prompt goes to the simulated operator.
class WalksAwayOnce final : public OperatorConsole {
public:
    WalksAwayOnce(OperatorConsole& person, std::string step)
        : person_(person), step_(std::move(step)) {}
    void prompt(const OperatorPrompt& prompt) override {
        away_ = !walked_away_ && prompt.step_id == step_;
        walked_away_ = walked_away_ || away_;
        if (!away_) {
            person_.prompt(prompt);
        }
    }
    std::optional<Instant> acknowledged() override {
        return away_ ? std::nullopt : person_.acknowledged();
    }

private:
    OperatorConsole& person_;
    std::string step_;
    bool away_ = false;
    bool walked_away_ = false;
};

TEST(Retry, AfterAnAttemptThatStoppedInsideTheCarsSessionTheRetryWaitsItOutAndPasses) {
    // Attempt 1 learns both fobs, then nobody finalises within 5 s: it stops with the car still
    // in its 30 s session. A retry 5 s later would finalise that session by its first ignition
    // turn; waiting the session out, it enters a new one. Both attempts play the same way.
    const Procedure quick_finalise = testing::only_variant(
        procedure_with(
            "timeout_ms = 60000\nack_sense = \"ignition\"\n\n[[step]]\nid = \"verify-lock\"",
            "timeout_ms = 5000\nack_sense = \"ignition\"\n\n[[step]]\nid = \"verify-lock\""),
        "unlock-held");
    SimulatedSession session;
    WalksAwayOnce console(session.bench.operator_console(), "finalise");
    const RunRecord record =
        run_procedure({.procedure = quick_finalise, .rig = session.rig, .fobs = both_fobs},
                      {session.clock, session.backend(), console, session.abort});

    EXPECT_EQ(record.outcome, RunOutcome::passed) << record.reason;
    ASSERT_EQ(record.attempts.size(), 2u);
    EXPECT_THAT(record.attempts[0].reason, HasSubstr("nobody confirmed 'Finalise' within 5 s"));
    // The retry's prompt came at least the car's 30 s after attempt 1's last learn sequence.
    Instant last_learn{};
    Instant retry_prompt{};
    for (const CommandedEdge& edge : record.commanded) {
        if (edge.attempt == 1 && edge.step_id == "learn") {
            last_learn = std::max(last_learn, edge.actual);
        }
    }
    for (const OperatorRecord& step : record.operator_steps) {
        if (step.attempt == 2 && step.step_id == "enter") {
            retry_prompt = step.prompted;
        }
    }
    EXPECT_GE(retry_prompt - last_learn, seconds(30));
}

TEST(Retry, WithoutTheSessionWaitTheSameRetryLandsInTheOpenSessionAndFails) {
    // The same run with the session said to last 1 s: the car proves the wait is needed.
    Procedure quick_finalise = procedure_with(
        "timeout_ms = 60000\nack_sense = \"ignition\"\n\n[[step]]\nid = \"verify-lock\"",
        "timeout_ms = 5000\nack_sense = \"ignition\"\n\n[[step]]\nid = \"verify-lock\"");
    quick_finalise.car_session = seconds(1);
    quick_finalise.retry.max_attempts = 2;
    SimulatedSession session;
    WalksAwayOnce console(session.bench.operator_console(), "finalise");
    const RunRecord record =
        run_procedure({.procedure = quick_finalise, .rig = session.rig, .fobs = both_fobs},
                      {session.clock, session.backend(), console, session.abort});

    EXPECT_EQ(record.outcome, RunOutcome::failed);
    ASSERT_EQ(record.attempts.size(), 2u);
}

} // namespace
} // namespace fobrig
