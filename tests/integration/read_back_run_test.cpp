// A whole session on relays with read-back contacts: the record tells when each contact really
// closed and opened, and the schedule's latency compensation puts the contact, not the coil,
// on the procedure's instant.
#include "rig/core/contact_answers.hpp"
#include "tests/integration/simulated_session.hpp"

#include <gtest/gtest.h>

namespace fobrig {
namespace {

Rig read_back_rig() {
    auto result = load_rig_file(FOBRIG_CONFIG_DIR "/rigs/sim-2-readback.toml");
    if (!result.ok()) {
        throw std::logic_error(format(result.errors.front()));
    }
    return *result.value;
}

TEST(ReadBackRun, EveryCommandedChangeHasItsContactsDelayInTheRecord) {
    testing::SimulatedSession session({}, {}, read_back_rig());
    const RunRecord record = session.run(testing::both_fobs);
    ASSERT_EQ(record.outcome, RunOutcome::passed) << record.reason;

    const auto answers = contact_answers(record);
    ASSERT_GE(answers.size(), 2u * (8 + 2 + 2));
    for (const ContactAnswer& answer : answers) {
        const CommandedEdge& edge = record.commanded[answer.commanded];
        const std::string& line = record.lines[edge.line].name;
        ASSERT_TRUE(answer.transition) << line << " at edge " << answer.commanded;
        // The rig's relays: slot 1 operates in 6 ms and releases in 4; slot 2's in 9 and 3.
        const bool slot1 = line.starts_with("slot1.");
        const Duration expected =
            edge.active ? milliseconds(slot1 ? 6 : 9) : milliseconds(slot1 ? 4 : 3);
        EXPECT_EQ(answer.transition->delay, expected) << line;
        // Sent early by that delay, so the contact moved at the procedure's instant.
        EXPECT_EQ(edge.actual + answer.transition->delay, edge.scheduled + expected)
            << line << ": the contact is where the schedule put it";
    }
}

} // namespace
} // namespace fobrig
