// The shipped rituals whose operator steps hold a car-side switch or count the key and the
// door (GM, Toyota, VW), played by a person who slips or written with a slip: a count short, too
// slow, a hold let go early, a mode miscounted. Each run fails, and its verdict names the cause:
// the rig's own count or window where its inputs saw it, the car's failure answer where it gave
// one, otherwise what the simulated car noted.
#include "tests/integration/simulated_session.hpp"

#include <gmock/gmock.h>

namespace fobrig {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::played;
using testing::shipped_procedure_with;
using testing::shipped_rig;

const std::string gm = "gm-malibu-2000";
const std::string toyota = "toyota-land-cruiser-2005";

RunRecord gm_played(sim::OperatorProfile person) {
    return played(gm, gm, person, shipped_rig("sim-2-car.toml"));
}

TEST(GmRitual, OneInsertionTooFewIsCountedShort) {
    const RunRecord record = gm_played({.miscount = -1});
    EXPECT_EQ(record.outcome, RunOutcome::failed);
    EXPECT_THAT(record.reason, HasSubstr("the key-in input counted 2 of 3 insertions of the key"));
    EXPECT_THAT(record.reason, Not(HasSubstr("may be faulty")));
}

TEST(GmRitual, InsertionsTooSlowAreTimed) {
    const RunRecord record = gm_played({.turn_on = seconds(6), .turn_off = seconds(6)});
    EXPECT_EQ(record.outcome, RunOutcome::failed);
    EXPECT_THAT(record.reason,
                HasSubstr("3 insertions of the key took 24 s, the car needs them within 20 s"));
}

// The chord let go at 3 s: no two chimes, and the car says how long it heard it.
TEST(GmRitual, AChordLetGoEarlyIsNotLearnedAsTheCarNotes) {
    const Procedure early = shipped_procedure_with(gm, "at_ms = 4000", "at_ms = 3000");
    const RunRecord record = played(early, gm, {}, shipped_rig("sim-2-car.toml"));
    EXPECT_EQ(record.outcome, RunOutcome::failed);
    EXPECT_THAT(record.reason, HasSubstr("no chime"));
    EXPECT_THAT(record.reason, HasSubstr("the simulated car noted: "));
    EXPECT_THAT(record.reason,
                HasSubstr("lock and unlock held together 3.2 s, the car needs about 3.5 s"));
}

// Three chimes are programming mode, two a transmitter: the mode's answer is not taken for a
// transmitter's (as "at least two chimes" would).
TEST(GmRitual, TheModesThreeChimesAreNotATransmittersTwo) {
    const Procedure early =
        shipped_procedure_with(gm, "start_after_ms = 1000", "start_after_ms = 1");
    const RunRecord record = played(early, gm, {}, shipped_rig("sim-2-car.toml"));
    EXPECT_EQ(record.outcome, RunOutcome::passed) << record.reason;
}

RunRecord toyota_played(const Procedure& procedure, sim::OperatorProfile person = {}) {
    return played(procedure, toyota, person, shipped_rig("sim-2-car.toml"));
}

TEST(ToyotaRitual, TheKeyTooSlowIsTimed) {
    const RunRecord record = toyota_played(testing::shipped_procedure(toyota),
                                           {.turn_on = seconds(3), .turn_off = seconds(3)});
    EXPECT_EQ(record.outcome, RunOutcome::failed);
    EXPECT_THAT(record.reason,
                HasSubstr("2 insertions of the key took 6 s, the car needs them within 5 s"));
}

// One turn too few of every counted step: the door never opened for the first.
TEST(ToyotaRitual, OneTurnTooFewIsCountedShort) {
    const RunRecord record = toyota_played(testing::shipped_procedure(toyota), {.miscount = -1});
    EXPECT_EQ(record.outcome, RunOutcome::failed);
    EXPECT_THAT(record.reason, HasSubstr("the door input counted 0 of 1 openings of the door"));
}

// Two turns of the ignition pick rewrite mode: the locks cycle twice, which the file says
// means the wrong mode, and nothing is registered (rewrite would erase the other codes).
TEST(ToyotaRitual, TheIgnitionTurnedTwicePicksRewriteModeWhichTheVerdictNames) {
    const Procedure twice = shipped_procedure_with(toyota, "count = 1                  # once",
                                                   "count = 2                  # once");
    const RunRecord record = toyota_played(twice);
    EXPECT_EQ(record.outcome, RunOutcome::failed);
    EXPECT_THAT(record.reason, HasSubstr("the car took rewrite mode (the ignition turned twice)"));
    EXPECT_THAT(record.reason, Not(HasSubstr("may be faulty")));
}

// The single button let go after 0.5 s: the locks cycle twice, "not registered".
TEST(ToyotaRitual, TheButtonLetGoEarlyIsRefusedByTheCarsTwoCycles) {
    const Procedure early = shipped_procedure_with(toyota, "at_ms = 3500", "at_ms = 2500");
    const RunRecord record = toyota_played(early);
    EXPECT_EQ(record.outcome, RunOutcome::failed);
    EXPECT_THAT(record.reason, HasSubstr("the car did not register the code"));
    EXPECT_THAT(record.reason, HasSubstr("the single button held"));
}

const std::string vw = "vw-cabrio-1998";

// The shipped VW text with the coding press at `at_ms` after the counted one (and its release
// 300 ms later); `window`: with the file's 5 to 10 s window, else without it, for the car to
// judge.
std::string vw_coded_at(int at_ms, bool window) {
    std::string text = testing::shipped_text("procedures/" + vw + ".toml");
    text = testing::replaced_once(text, "at_ms = 6500", "at_ms = " + std::to_string(at_ms));
    text = testing::replaced_once(text, "at_ms = 6800", "at_ms = " + std::to_string(at_ms + 300));
    if (!window) {
        text = testing::replaced_once(text, "{ from = \"press\", to = \"code\"", "# {");
    }
    return text;
}

RunRecord vw_played(const std::string& text) {
    auto procedure = parse_procedure(text, "vw.toml");
    if (!procedure.ok()) {
        throw std::logic_error(format(procedure.errors.front()));
    }
    return played(*procedure.value, vw, {}, shipped_rig("sim-2-car.toml"), 1);
}

TEST(VwRitual, ACodingPressTooSoonIsRefusedByValidationBeforeAnythingIsDriven) {
    const auto result = parse_procedure(vw_coded_at(3000, true), "vw-early.toml");
    ASSERT_FALSE(result.ok());
    EXPECT_THAT(format(result.errors.front()), HasSubstr("vw-early.toml:"));
    EXPECT_THAT(format(result.errors.front()),
                HasSubstr("code comes 3 s after press, the car needs at least 5 s"));
}

// Without the window the car judges: 3 s is too soon, 11 s too late; the horn answered the
// counted press, the doors never unlock, and the car's note names the pause.
TEST(VwRitual, TooSoonOrTooLateTheCarCodesNothingAndSaysWhy) {
    for (const int at : {3000, 11000}) {
        const RunRecord record = vw_played(vw_coded_at(at, false));
        EXPECT_EQ(record.outcome, RunOutcome::failed) << at;
        EXPECT_THAT(record.reason, HasSubstr("the car signalled only horn")) << at;
        EXPECT_THAT(record.reason, HasSubstr("the coding press came")) << at;
        EXPECT_THAT(record.reason, HasSubstr("the car wants 5 s to 10 s")) << at;
    }
}

// Five presses of Open are not an address: they erase every remote [A].
TEST(VwRitual, FivePressesEraseInsteadOfCoding) {
    std::string text = testing::shipped_text("procedures/" + vw + ".toml");
    std::string presses;
    for (int i = 1; i < 5; ++i) {
        presses += "    { at_ms = " + std::to_string(i * 1000) + ", press = [\"unlock\"] },\n" +
                   "    { at_ms = " + std::to_string(i * 1000 + 300) +
                   ", release = [\"unlock\"] },\n";
    }
    text =
        testing::replaced_once(text, "    { name = \"code\",", presses + "    { name = \"code\",");
    text = testing::replaced_once(text, "at_ms = 6500", "at_ms = 10500");
    text = testing::replaced_once(text, "at_ms = 6800", "at_ms = 10800");
    text = testing::replaced_once(text, "{ from = \"press\", to = \"code\"", "# {");
    const RunRecord record = vw_played(text);
    EXPECT_EQ(record.outcome, RunOutcome::failed);
    EXPECT_THAT(record.reason, HasSubstr("expected a horn-unlock cycle"));
    EXPECT_THAT(record.reason, HasSubstr("the simulated car noted: Open pressed 5 times before the "
                                         "coding press: every remote erased, none coded"));
}

} // namespace
} // namespace fobrig
