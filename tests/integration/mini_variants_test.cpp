// The shipped Mini procedure's documented ways of learning a key, played against receivers
// that read the ritual strictly (unlock held alone, as BMW's texts say) or leniently (the
// article's chord start counted as the first press), and one that misses quick taps.
#include "tests/integration/simulated_session.hpp"
#include "tests/support/edited_file.hpp"

#include <gmock/gmock.h>

namespace fobrig {
namespace {

using testing::both_fobs;
using ::testing::Contains;
using ::testing::HasSubstr;
using testing::SimulatedSession;

sim::BmwProfile strict_car() {
    return sim::mini_r50();
}

sim::BmwProfile lenient_car() {
    sim::BmwProfile car = sim::mini_r50();
    car.chord_counts_as_press = true;
    return car;
}

// A receiver that does not count a tap under 1.8 s after the previous one: the sources' "not
// too rapidly" taken at its word.
sim::BmwProfile slow_car(sim::BmwProfile car) {
    car.min_tap_gap = milliseconds(1800);
    return car;
}

RunRecord run_variant(const std::string& id, const sim::BmwProfile& car) {
    SimulatedSession session({}, {}, testing::shipped_rig(), sim::bmw_car(car));
    Procedure one_way = testing::only_variant(testing::shipped_procedure(), id);
    one_way.retry.max_attempts = 1;
    return session.run_with(one_way, both_fobs);
}

struct VariantOnCar {
    const char* name;
    const char* variant;
    sim::BmwProfile (*car)();
    bool learns;
};

class EachVariantOnEachCar : public ::testing::TestWithParam<VariantOnCar> {};

TEST_P(EachVariantOnEachCar, LearnsExactlyWhenTheCarCountsThreePresses) {
    const VariantOnCar& c = GetParam();
    const RunRecord record = run_variant(c.variant, c.car());
    EXPECT_EQ(record.outcome, c.learns ? RunOutcome::passed : RunOutcome::failed) << record.reason;
    ASSERT_FALSE(record.attempts.empty());
    EXPECT_EQ(record.attempts.front().variant, c.variant);
    for (const CheckRecord& check : record.checks) {
        if (check.step_id == "learn") {
            EXPECT_EQ(check.variant, c.variant);
        }
    }
}

INSTANTIATE_TEST_SUITE_P(
    MiniR50, EachVariantOnEachCar,
    ::testing::Values(VariantOnCar{"UnlockHeldOnStrictCar", "unlock-held", strict_car, true},
                      VariantOnCar{"UnlockHeldOnLenientCar", "unlock-held", lenient_car, true},
                      VariantOnCar{"ChordStartOnStrictCar", "chord-start", strict_car, false},
                      VariantOnCar{"ChordStartOnLenientCar", "chord-start", lenient_car, true},
                      VariantOnCar{"SlowOnStrictCar", "unlock-held-slow", strict_car, true},
                      VariantOnCar{"SlowOnLenientCar", "unlock-held-slow", lenient_car, true},
                      VariantOnCar{"UnlockHeldOnSlowCar", "unlock-held",
                                   [] { return slow_car(strict_car()); }, false},
                      VariantOnCar{"SlowOnSlowCar", "unlock-held-slow",
                                   [] { return slow_car(strict_car()); }, true}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(MiniVariants, TheShippedProcedurePassesAtAttemptOneOnTheDefaultCar) {
    SimulatedSession session;
    const RunRecord record = session.run(both_fobs);
    EXPECT_EQ(record.outcome, RunOutcome::passed);
    EXPECT_EQ(record.reason, "every fob programmed and verified in one session with variant "
                             "'unlock-held' at attempt 1");
}

TEST(MiniVariants, ACarThatNeedsTheSecondVariantIsProgrammedAtAttemptTwoAndSaysSo) {
    SimulatedSession session({}, {}, testing::shipped_rig(), sim::bmw_car(slow_car(lenient_car())));
    const RunRecord record = session.run(both_fobs);
    EXPECT_EQ(record.outcome, RunOutcome::passed) << record.reason;
    EXPECT_EQ(record.reason, "every fob programmed and verified in one session with variant "
                             "'chord-start' at attempt 2");
    ASSERT_EQ(record.attempts.size(), 2u);
    EXPECT_FALSE(record.attempts[0].passed);
    EXPECT_EQ(record.attempts[0].variant, "unlock-held");
    EXPECT_EQ(record.attempts[1].variant, "chord-start");
}

TEST(MiniVariants, ACarThatMissesQuickTapsIsProgrammedAtAttemptThree) {
    SimulatedSession session({}, {}, testing::shipped_rig(), sim::bmw_car(slow_car(strict_car())));
    const RunRecord record = session.run(both_fobs);
    EXPECT_EQ(record.outcome, RunOutcome::passed) << record.reason;
    EXPECT_EQ(record.reason, "every fob programmed and verified in one session with variant "
                             "'unlock-held-slow' at attempt 3");
}

// What a campaign does with the variant the car answered last: its next session starts there.
TEST(MiniVariants, ARunToldTheVariantTheCarAnsweredLastStartsWithIt) {
    SimulatedSession session({}, {}, testing::shipped_rig(), sim::bmw_car(slow_car(lenient_car())));
    session.first_variant = "chord-start";
    const RunRecord record = session.run(both_fobs);
    EXPECT_EQ(record.reason, "every fob programmed and verified in one session with variant "
                             "'chord-start' at attempt 1");
    EXPECT_EQ(answered_variant(record), "chord-start");
}

TEST(MiniVariants, ARetryAfterTheRememberedVariantMovesOnToTheNext) {
    SimulatedSession session({}, {}, testing::shipped_rig(), sim::bmw_car(slow_car(strict_car())));
    session.first_variant = "chord-start"; // which this strict car does not count
    const RunRecord record = session.run(both_fobs);
    ASSERT_EQ(record.attempts.size(), 2u);
    EXPECT_EQ(record.attempts[0].variant, "chord-start");
    EXPECT_EQ(record.attempts[1].variant, "unlock-held-slow");
    EXPECT_EQ(record.outcome, RunOutcome::passed) << record.reason;
}

TEST(MiniVariants, AnUnknownRememberedVariantStartsWithTheFirstListed) {
    SimulatedSession session;
    session.first_variant = "gone-from-the-file";
    const RunRecord record = session.run(both_fobs);
    EXPECT_EQ(record.attempts.front().variant, "unlock-held");
    EXPECT_EQ(record.outcome, RunOutcome::passed) << record.reason;
}

// The learn step the file had before: the chord, then three more presses while unlock is held.
constexpr const char* four_closures = R"(actions = [
    { name = "hold",    at_ms = 0,    press = ["lock", "unlock"] },
    { name = "lift1",   at_ms = 1000, release = ["lock"] },
    { name = "press1",  at_ms = 1500, press = ["lock"] },
    { name = "lift2",   at_ms = 1800, release = ["lock"] },
    { name = "press2",  at_ms = 2300, press = ["lock"] },
    { name = "lift3",   at_ms = 2600, release = ["lock"] },
    { name = "press3",  at_ms = 3100, press = ["lock"] },
    { name = "release", at_ms = 3400, release = ["lock", "unlock"] },
]
)";

Procedure four_closure_procedure() {
    std::string text = testing::shipped_procedure_text();
    const auto from = text.find("# Each attempt plays the next way");
    const auto to = text.find("[[step]]\nid = \"finalise\"");
    text.replace(from, to - from, four_closures);
    auto result = parse_procedure(text, "four-closures.toml");
    if (!result.ok()) {
        throw std::logic_error(format(result.errors.front()));
    }
    return *result.value;
}

// The rig cannot see inside the car: its verdict says only that the car did not answer. The
// simulated car's own notes say why.
TEST(MiniVariants, TheOldFourClosureRitualFailsOnTheLenientCarWhichCountsFourPresses) {
    SimulatedSession session({}, {}, testing::shipped_rig(), sim::bmw_car(lenient_car()));
    const RunRecord record = session.run_with(four_closure_procedure(), {{1, "owner-A"}});
    EXPECT_EQ(record.outcome, RunOutcome::failed);
    EXPECT_THAT(record.reason, HasSubstr("no lock-unlock cycle within 3 s after release"));
    EXPECT_THAT(session.bench.car().notes(), Contains("4 lock presses, the car counts 3"));
}

// What fobrig prints for a simulated run: the verdict ends with what the car noted.
TEST(MiniVariants, TheVerdictOfAFailedSimulatedRunEndsWithTheCarsNotes) {
    SimulatedSession session({}, {}, testing::shipped_rig(), sim::bmw_car(lenient_car()));
    RunRecord record = session.run_with(four_closure_procedure(), {{1, "owner-A"}});
    add_car_notes(record, session.bench.car().notes());
    EXPECT_THAT(record.reason, HasSubstr("; the simulated car noted: 4 lock presses, the car "
                                         "counts 3"));
    ASSERT_TRUE(record.target.has_value());
    EXPECT_THAT(record.target->car_notes, Contains("4 lock presses, the car counts 3"));
}

TEST(MiniVariants, TheOldFourClosureRitualFailsOnTheStrictCarWhichNeverStartsCounting) {
    SimulatedSession session({}, {}, testing::shipped_rig(), sim::bmw_car(strict_car()));
    const RunRecord record = session.run_with(four_closure_procedure(), {{1, "owner-A"}});
    EXPECT_EQ(record.outcome, RunOutcome::failed);
    EXPECT_THAT(record.reason, HasSubstr("no lock-unlock cycle within 3 s after release"));
    EXPECT_THAT(session.bench.car().notes(),
                Contains(HasSubstr("began with lock and unlock together")));
    EXPECT_TRUE(session.bench.car().key_table().empty());
}

} // namespace
} // namespace fobrig
