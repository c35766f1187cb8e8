// The article's procedure on a rig that senses only the indicators (config/rigs/
// sim-2-indicator.toml): one flash is lock, two are unlock.
#include "tests/integration/simulated_session.hpp"

#include <gmock/gmock.h>

namespace fobrig {
namespace {

using testing::both_fobs;
using ::testing::HasSubstr;
using testing::procedure_with;
using testing::shipped_procedure;
using testing::shipped_rig;
using testing::SimulatedSession;

const std::string indicator_rig_file = "sim-2-indicator.toml";

TEST(IndicatorRig, ProgramsAndVerifiesTwoFobsInOneSession) {
    SimulatedSession session({}, {}, shipped_rig(indicator_rig_file));
    const RunRecord record = session.run(both_fobs);

    EXPECT_EQ(record.outcome, RunOutcome::passed) << record.reason;
    EXPECT_EQ(record.attempts.size(), 1u);
    EXPECT_THAT(session.bench.car().key_table(),
                ::testing::UnorderedElementsAre(sim::SimBench::fob_id_base + 1,
                                                sim::SimBench::fob_id_base + 2));
    ASSERT_EQ(record.checks.size(), 6u);
    for (const auto& check : record.checks) {
        EXPECT_TRUE(check.passed) << check.step_id << ": " << check.reason;
    }
    // Stamped at the unlock's first flash: the very latency the unlock input gives, though the
    // answer is known only after the gap.
    SimulatedSession motor_wires;
    const RunRecord by_motor = motor_wires.run(both_fobs);
    ASSERT_EQ(by_motor.checks.size(), 6u);
    for (std::size_t i = 0; i < 6; ++i) {
        EXPECT_EQ(record.checks[i].latency, by_motor.checks[i].latency) << i;
        EXPECT_GT(record.checks[i].decided, by_motor.checks[i].decided) << i;
    }
}

TEST(IndicatorRig, ACarThatOnlyLocksFailsTheUnlockCheckOfThatFob) {
    // The car already holds both fobs; fob 2's unlock button never makes contact.
    SimulatedSession session({.broken_buttons = {{2, sim::ButtonMask{.unlock = true}}},
                              .counter_ahead = {{1, 0}, {2, 0}}},
                             {}, shipped_rig(indicator_rig_file));
    const RunRecord record = session.run(both_fobs, RunMode::verify);

    EXPECT_EQ(record.outcome, RunOutcome::failed);
    EXPECT_TRUE(record.fobs[0].passed) << record.fobs[0].reason;
    EXPECT_EQ(record.fobs[1].reason,
              "Check that the fob unlocks: no unlock signal within 2 s after press (at each of 3 "
              "presses)");
}

TEST(IndicatorRig, FlashesTheProcedureDoesNotKnowAreNamedInTheVerdict) {
    const Procedure three_for_unlock = procedure_with("unlock_flashes = 2", "unlock_flashes = 3");
    SimulatedSession session({}, {}, shipped_rig(indicator_rig_file));
    const RunRecord record = session.run_with(three_for_unlock, both_fobs);

    EXPECT_EQ(record.outcome, RunOutcome::failed);
    EXPECT_THAT(record.reason,
                HasSubstr("expected a lock-unlock cycle within 3 s after release, the car "
                          "signalled only lock; the indicators flashed 2 times, which is "
                          "neither lock (1) nor unlock (3)"));
}

TEST(IndicatorRig, IsRefusedForAProcedureWithoutAnIndicatorTable) {
    Procedure without = shipped_procedure();
    without.indicator.reset();
    SimulatedSession session({}, {}, shipped_rig(indicator_rig_file));

    const auto refusals =
        run_refusals({.procedure = without, .rig = session.rig, .fobs = both_fobs});
    EXPECT_THAT(refusals,
                ::testing::Contains("confirmation names sense input 'lock', which the rig does not "
                                    "wire; its 'indicator' input could tell it, but the procedure "
                                    "has no [indicator] table"));
    EXPECT_THROW(session.run_with(without, both_fobs), std::invalid_argument);
    EXPECT_EQ(session.world.now(), Instant{}) << "nothing was driven";
}

TEST(IndicatorRig, ARigWithNeitherLockInputNorIndicatorIsRefused) {
    Rig blind = shipped_rig(indicator_rig_file);
    std::erase_if(blind.senses, [](const SenseInput& sense) { return sense.role == "indicator"; });
    SimulatedSession session({}, {}, blind);

    EXPECT_THAT(run_refusals({.procedure = session.procedure, .rig = blind, .fobs = both_fobs}),
                ::testing::Contains("confirmation names sense input 'unlock', which the rig does "
                                    "not wire, nor an 'indicator' input"));
}

} // namespace
} // namespace fobrig
