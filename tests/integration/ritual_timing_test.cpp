// The shipped rituals of the cars whose operator steps are counted or paced (Ford, Honda,
// Nissan), played by a person who slips: a turn too few or too many, too slow, too quick, a
// step too soon or too late. Each run fails, and its verdict names the cause: the rig's own
// count or window where its inputs saw it, otherwise what the simulated car noted.
#include "tests/integration/simulated_session.hpp"

#include <gmock/gmock.h>

namespace fobrig {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::SimulatedSession;

// The shipped rig `file` with a sense input for each of `roles` besides its own.
Rig rig_sensing(const std::string& file, const std::vector<std::string>& roles) {
    std::string text = testing::shipped_text("rigs/" + file);
    unsigned line = 20;
    for (const std::string& role : roles) {
        text += "\n[[sense]]\nrole = \"" + role +
                "\"\nchip = \"fobrig-sim\"\nline = " + std::to_string(line++) +
                "\nactive_low = true\nbias = \"pull-up\"\ndebounce_ms = 5\n";
    }
    auto result = parse_rig(text, file);
    if (!result.ok()) {
        throw std::logic_error(format(result.errors.front()));
    }
    return *result.value;
}

using testing::played;

RunRecord ford(sim::OperatorProfile person) {
    return played("ford-focus-2014", "ford-focus-2014", person, testing::shipped_rig());
}

TEST(FordRitual, OneTurnTooFewIsCountedShort) {
    const RunRecord record = ford({.miscount = -1});
    EXPECT_EQ(record.outcome, RunOutcome::failed);
    EXPECT_THAT(record.reason, HasSubstr("the ignition input counted 7 of 8 turns of the "
                                         "ignition to on in 60 s"));
    EXPECT_THAT(record.reason, Not(HasSubstr("may be faulty")));
}

TEST(FordRitual, TurnsTooSlowAreTimed) {
    const RunRecord record = ford({.turn_on = milliseconds(700), .turn_off = milliseconds(700)});
    EXPECT_EQ(record.outcome, RunOutcome::failed);
    EXPECT_THAT(record.reason, HasSubstr("8 turns of the ignition to on took 9.8 s, the car needs "
                                         "them within 8 s"));
}

// The rig counts 8 and goes on; the ninth turn passes through OFF, which ends programming mode
// before any remote: only the car knows, and its note says so.
TEST(FordRitual, OneTurnTooManyEndsProgrammingModeAsTheCarNotes) {
    const RunRecord record = ford({.miscount = 1});
    EXPECT_EQ(record.outcome, RunOutcome::failed);
    EXPECT_THAT(record.reason, HasSubstr("the car never showed it entered programming mode"));
    EXPECT_THAT(record.reason, HasSubstr("the simulated car noted: the ignition turned off before "
                                         "any remote's button was pressed"));
}

TEST(FordRitual, PassesAtAPaceInsideTheCarsLimit) {
    const RunRecord record = ford({.turn_on = milliseconds(300), .turn_off = milliseconds(600)});
    EXPECT_EQ(record.outcome, RunOutcome::passed) << record.reason;
}

RunRecord honda(sim::OperatorProfile person) {
    return played("honda-odyssey-2005", "honda-odyssey-2005", person, testing::shipped_rig());
}

// The press comes 2 s after ON (the file's choice); the person turns the ignition back to
// LOCK 0.5 s after the press was over: too soon.
TEST(HondaRitual, TurningTheIgnitionTooSoonBreaksTheWindowsMinimum) {
    const RunRecord record = honda({.response = milliseconds(500)});
    EXPECT_EQ(record.outcome, RunOutcome::failed);
    EXPECT_THAT(record.reason, HasSubstr("Round 1: ignition to LOCK came 0.8 s after press of "
                                         "Round 1: press lock; the car wants 1 to 4 s"));
}

TEST(HondaRitual, TurningTheIgnitionTooLateBreaksTheWindow) {
    const RunRecord record = honda({.response = milliseconds(4500)});
    EXPECT_EQ(record.outcome, RunOutcome::failed);
    EXPECT_THAT(record.reason, HasSubstr("came 4.8 s after press of Round 1: press lock; the car "
                                         "wants 1 to 4 s"));
}

// Without an ignition input the rig cannot time the person's turns: the car's note names it.
TEST(HondaRitual, WithoutAnIgnitionInputTheCarNotesTheStepTooSoon) {
    Rig rig = testing::shipped_rig();
    std::erase_if(rig.senses, [](const SenseInput& sense) { return sense.role == "ignition"; });
    SimulatedSession session({}, {.response = milliseconds(500)}, rig,
                             sim::make_car("honda-odyssey-2005"));
    RunRecord record =
        session.run_with(testing::shipped_procedure("honda-odyssey-2005"), testing::both_fobs);
    add_car_notes(record, session.bench.car().notes());
    EXPECT_EQ(record.outcome, RunOutcome::failed);
    EXPECT_THAT(record.reason, HasSubstr("the car never showed it entered programming mode"));
    EXPECT_THAT(record.reason, HasSubstr("the ignition turned to LOCK 0.7 s after the press; the "
                                         "car wants 1 s to 4 s (round 1)"));
}

// Four codes programmed on a car that keeps three: the oldest is gone, as the file says.
TEST(HondaRitual, AFourthRemoteErasesTheOldest) {
    SimulatedSession session({}, {}, testing::shipped_rig("sim-8.toml"),
                             sim::make_car("honda-odyssey-2005"));
    const Procedure procedure = testing::shipped_procedure("honda-odyssey-2005");
    ASSERT_EQ(session.run_with(procedure, {{1, "a"}, {2, "b"}, {3, "c"}}).outcome,
              RunOutcome::passed);
    session.world.run_until(session.world.now() + seconds(30));
    const RunRecord fourth = session.run_with(procedure, {{4, "d"}});
    EXPECT_EQ(fourth.outcome, RunOutcome::passed) << fourth.reason;
    EXPECT_EQ(session.bench.car().key_table(),
              (std::vector<std::uint32_t>{session.bench.fob(2).id(), session.bench.fob(3).id(),
                                          session.bench.fob(4).id()}));
}

RunRecord nissan(sim::OperatorProfile person, std::vector<std::string> senses = {"key-in"}) {
    return played("nissan-200sx-1995", "nissan-200sx", person,
                  rig_sensing("sim-2-indicator.toml", senses), 1);
}

TEST(NissanRitual, PassesWithTheKeySensedAndCounted) {
    const RunRecord record = nissan({});
    EXPECT_EQ(record.outcome, RunOutcome::passed) << record.reason;
}

TEST(NissanRitual, OneInsertionTooFewIsCountedShort) {
    const RunRecord record = nissan({.miscount = -1});
    EXPECT_EQ(record.outcome, RunOutcome::failed);
    EXPECT_THAT(record.reason, HasSubstr("the key-in input counted 6 of 7 insertions of the key"));
}

TEST(NissanRitual, InsertionsTooSlowAreTimed) {
    const RunRecord record = nissan({.turn_on = milliseconds(900), .turn_off = milliseconds(900)});
    EXPECT_EQ(record.outcome, RunOutcome::failed);
    EXPECT_THAT(record.reason,
                HasSubstr("7 insertions of the key took 10.8 s, the car needs them within 10 s"));
}

// The rig's count is right, but the car does not count insertions under half a second apart
// ("do not rush"): its note names it.
TEST(NissanRitual, InsertionsTooQuickAreNotCountedByTheCar) {
    const RunRecord record = nissan({.turn_on = milliseconds(200), .turn_off = milliseconds(200)});
    EXPECT_EQ(record.outcome, RunOutcome::failed);
    EXPECT_THAT(record.reason, HasSubstr("the car never showed it entered programming mode"));
    EXPECT_THAT(record.reason, HasSubstr("too quick to count (about one a second)"));
}

} // namespace
} // namespace fobrig
