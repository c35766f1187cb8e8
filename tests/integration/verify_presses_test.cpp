// A verify step that presses again (confirm.presses) before calling a fob dead: the first
// press's telegrams lost on the air, the second press answered; the verdict says so, and the
// bound holds. Fobs the car already holds, verified on the simulated Mini in virtual time.
#include "tests/integration/simulated_session.hpp"

#include <gtest/gtest.h>

namespace fobrig {
namespace {

using testing::both_fobs;
using testing::procedure_with;
using testing::SimulatedSession;

// A 300 ms verify press sends three telegrams (50, 150 and 250 ms after it closes); in a verify
// run the first press on the air is slot 1's lock.
const std::set<std::uint64_t> first_press{1, 2, 3};

sim::SimFaults both_held_losing(std::set<std::uint64_t> lost) {
    return {.counter_ahead = {{1, 0}, {2, 0}}, .lost_telegrams = std::move(lost)};
}

const CheckRecord& check_of(const RunRecord& record, const std::string& step, int slot) {
    for (const CheckRecord& check : record.checks) {
        if (check.step_id == step && check.slot == slot) {
            return check;
        }
    }
    throw std::logic_error("no check of " + step + " for slot " + std::to_string(slot));
}

// The instants at which `step` closed the contact of its action "press" for `slot`.
std::vector<Instant> presses_of(const RunRecord& record, const std::string& step, int slot) {
    std::vector<Instant> presses;
    for (const CommandedEdge& edge : record.commanded) {
        if (edge.step_id == step && edge.slot == slot && edge.action == "press" && edge.active) {
            presses.push_back(edge.scheduled);
        }
    }
    return presses;
}

// When the lock input turned active, in order.
std::vector<Instant> lock_answers(const RunRecord& record) {
    std::vector<Instant> answers;
    for (const SensedEdge& edge : record.sensed) {
        if (edge.active && record.lines[edge.line].name == "sense.lock") {
            answers.push_back(edge.at);
        }
    }
    return answers;
}

TEST(VerifyPresses, ALostFirstPressIsRescuedByTheSecondAndTheVerdictSaysSo) {
    SimulatedSession session(both_held_losing(first_press));
    const RunRecord record = session.run(both_fobs, RunMode::verify);

    EXPECT_EQ(record.outcome, RunOutcome::passed) << record.reason;
    const CheckRecord& lock = check_of(record, "verify-lock", 1);
    EXPECT_TRUE(lock.passed) << lock.reason;
    EXPECT_EQ(lock.presses, 2);
    EXPECT_EQ(check_of(record, "verify-unlock", 1).presses, 1);
    EXPECT_EQ(check_of(record, "verify-lock", 2).presses, 1);
    // Both presses are in the record, and the car's answer came after the second.
    const std::vector<Instant> presses = presses_of(record, "verify-lock", 1);
    ASSERT_EQ(presses.size(), 2u);
    ASSERT_FALSE(lock_answers(record).empty());
    EXPECT_GT(lock_answers(record).front(), presses[1]);
    EXPECT_TRUE(record.fobs[0].passed);
    EXPECT_EQ(record.fobs[0].reason, "'verify-lock' answered at press 2 of 3");
    EXPECT_EQ(record.fobs[1].reason, "");
    EXPECT_NE(record.reason.find("pressed again: slot 1 (owner-A): 'verify-lock' answered at "
                                 "press 2 of 3"),
              std::string::npos)
        << record.reason;
}

TEST(VerifyPresses, AFobSilentAtEveryPressFailsAfterExactlyTheBound) {
    // Twelve telegrams: four presses' worth, one more than the procedure allows.
    SimulatedSession session(both_held_losing({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}));
    const RunRecord record = session.run(both_fobs, RunMode::verify);

    EXPECT_EQ(record.outcome, RunOutcome::failed);
    const CheckRecord& lock = check_of(record, "verify-lock", 1);
    EXPECT_FALSE(lock.passed);
    EXPECT_EQ(lock.presses, 3);
    EXPECT_EQ(presses_of(record, "verify-lock", 1).size(), 3u);
    EXPECT_EQ(lock.reason, "no lock signal within 2 s after press (at each of 3 presses)");
    EXPECT_TRUE(record.fobs[1].passed) << record.fobs[1].reason;
}

TEST(VerifyPresses, WithOnePressTheSameLostTelegramsFailTheFob) {
    SimulatedSession session(both_held_losing(first_press));
    session.procedure = procedure_with("within_ms = 2000, presses = 3 }", "within_ms = 2000 }");
    const RunRecord record = session.run(both_fobs, RunMode::verify);

    const CheckRecord& lock = check_of(record, "verify-lock", 1);
    EXPECT_FALSE(lock.passed);
    EXPECT_EQ(lock.presses, 1);
    EXPECT_EQ(presses_of(record, "verify-lock", 1).size(), 1u);
    EXPECT_EQ(lock.reason, "no lock signal within 2 s after press");
    EXPECT_EQ(record.outcome, RunOutcome::failed);
}

// Pressing again is for verify steps; the Mini's full session over a clean radio presses each
// verify step once, and its record reads as before.
TEST(VerifyPresses, AClearRadioPressesOnce) {
    SimulatedSession session;
    const RunRecord record = session.run(both_fobs);
    EXPECT_EQ(record.outcome, RunOutcome::passed) << record.reason;
    for (const CheckRecord& check : record.checks) {
        EXPECT_EQ(check.presses, 1) << check.step_id;
    }
    EXPECT_EQ(record.reason.find("pressed again"), std::string::npos) << record.reason;
}

} // namespace
} // namespace fobrig
