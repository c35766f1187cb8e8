// Every shipped procedure against the simulated cars: it passes on its own car at the first
// attempt, and on a car of another family it fails saying the car never showed it entered
// programming mode (what the record shows), with the simulator's own notes marked as such.
#include "tests/integration/simulated_session.hpp"

#include <gmock/gmock.h>

#include <filesystem>
#include <set>

namespace fobrig {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::shipped_rituals;
using testing::ShippedRitual;
using testing::SimulatedSession;

TEST(ShippedRituals, EveryShippedProcedureHasItsSimulatedCar) {
    std::set<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(FOBRIG_CONFIG_DIR "/procedures")) {
        files.insert(entry.path().stem().string());
    }
    std::set<std::string> listed;
    for (const ShippedRitual& ritual : shipped_rituals) {
        listed.insert(ritual.procedure);
        EXPECT_EQ(sim::unknown_car_model(ritual.car), "") << ritual.procedure;
    }
    EXPECT_EQ(listed, files);
}

class OnItsOwnCar : public ::testing::TestWithParam<ShippedRitual> {};

TEST_P(OnItsOwnCar, PassesAtTheFirstAttemptAndTheCarHoldsExactlyItsFobs) {
    const ShippedRitual& ritual = GetParam();
    SimulatedSession session({}, {}, testing::shipped_rig(ritual.rig), sim::make_car(ritual.car));
    const RunRecord record =
        session.run_with(testing::shipped_procedure(ritual.procedure), testing::fobs_for(ritual));
    EXPECT_EQ(record.outcome, RunOutcome::passed) << record.reason;
    EXPECT_EQ(record.attempts.size(), 1u);
    std::vector<std::uint32_t> programmed;
    for (const FobUnderTest& fob : testing::fobs_for(ritual)) {
        programmed.push_back(session.bench.fob(fob.slot).id());
    }
    EXPECT_EQ(session.bench.car().key_table(), programmed);
}

INSTANTIATE_TEST_SUITE_P(Shipped, OnItsOwnCar, ::testing::ValuesIn(shipped_rituals),
                         [](const auto& info) {
                             std::string name = info.param.car;
                             std::erase(name, '-');
                             return name;
                         });

TEST(ShippedRituals, OnAnotherFamilysCarEachSaysTheCarNeverEnteredProgrammingMode) {
    int pairs = 0;
    for (const ShippedRitual& ritual : shipped_rituals) {
        const std::string family = sim::car_model(ritual.car).family;
        for (const sim::CarModel& car : sim::car_models()) {
            if (car.family == family) {
                continue;
            }
            ++pairs;
            const std::string what = std::string(ritual.procedure) + " on " + car.id;
            SimulatedSession session({}, {}, testing::shipped_rig(ritual.rig),
                                     sim::make_car(car.id));
            RunRecord record = session.run_with(testing::shipped_procedure(ritual.procedure),
                                                testing::fobs_for(ritual));
            add_car_notes(record, session.bench.car().notes());
            EXPECT_EQ(record.outcome, RunOutcome::failed) << what;
            // At the car's answer to the ritual's operator steps when it has one (GM's chimes),
            // otherwise at the program step.
            EXPECT_THAT(record.reason,
                        HasSubstr("the car never showed it entered programming mode"))
                << what;
            EXPECT_THAT(record.reason, Not(HasSubstr("may be faulty"))) << what;
            EXPECT_THAT(record.reason, HasSubstr("; the simulated car noted: ")) << what;
            EXPECT_TRUE(session.bench.car().key_table().empty()) << what;
        }
    }
    EXPECT_GT(pairs, 0);
}

// A car that answered the program step at all (here a known fob answered as in normal mode,
// the key having been left in too long to enter programming mode) did not stay silent: the
// verdict does not say it never answered.
TEST(ShippedRituals, ACarThatAnsweredTheProgramStepIsNotCalledSilent) {
    SimulatedSession session({.counter_ahead = {{1, 1}}}, {.ignition_hold = seconds(7)});
    const RunRecord record = session.run({{1, "owner-A"}});
    EXPECT_EQ(record.outcome, RunOutcome::failed);
    EXPECT_THAT(record.reason, Not(HasSubstr("never showed it entered programming mode")));
}

} // namespace
} // namespace fobrig
