// The VW Cabrio's ritual for several remotes, in virtual time on its simulated car: the whole
// ritual once for each remote, Open pressed as often as the memory address. Each remote lands in
// the address of its place in the session; a remote whose presses the car miscounts fails with
// its verdict naming it, and the others are coded all the same.
#include "tests/integration/simulated_session.hpp"

#include <gmock/gmock.h>

#include <algorithm>

namespace fobrig {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::SimulatedSession;

const std::string vw_id = "vw-cabrio-1998";

struct VwSession : SimulatedSession {
    VwSession()
        : SimulatedSession({}, {}, testing::shipped_rig("sim-2-car.toml"), sim::make_car(vw_id)) {}
    RunRecord coded(const Procedure& procedure, const std::vector<FobUnderTest>& fobs) {
        RunRecord record = run_with(procedure, fobs);
        add_car_notes(record, bench.car().notes());
        return record;
    }
};

// How often the run pressed `button` of `slot` in step `step_id` (its first attempt).
long presses(const RunRecord& record, const std::string& step_id, int slot) {
    return std::ranges::count_if(record.commanded, [&](const CommandedEdge& edge) {
        return edge.attempt == 1 && edge.step_id == step_id && edge.slot == slot && edge.active;
    });
}

TEST(VwRemotes, EachRemoteIsCodedIntoTheAddressOfItsPlaceInTheSession) {
    VwSession session;
    const RunRecord record =
        session.coded(testing::shipped_procedure(vw_id), {{2, "spare"}, {1, "owner"}});
    ASSERT_EQ(record.outcome, RunOutcome::passed) << record.reason;
    // The first of the session (slot 2) into address 1, the second (slot 1) into address 2.
    EXPECT_THAT(session.bench.car().key_table(),
                ElementsAre(session.bench.fob(2).id(), session.bench.fob(1).id()));
    // Open once for address 1, twice for address 2, and the coding press each time.
    EXPECT_EQ(presses(record, "code#1", 2), 2);
    EXPECT_EQ(presses(record, "code#2", 1), 3);
    EXPECT_EQ(presses(record, "code#1", 1) + presses(record, "code#2", 2), 0);
    // No step for a third or fourth remote was played.
    EXPECT_TRUE(std::ranges::none_of(record.operator_steps, [](const OperatorRecord& op) {
        return op.step_id == "on#3" || op.step_id == "off#4";
    }));
    for (const FobVerdict& fob : record.fobs) {
        EXPECT_TRUE(fob.programmed && fob.verified) << fob.slot;
    }
}

TEST(VwRemotes, OneRemoteAloneGoesIntoTheFirstAddress) {
    VwSession session;
    const RunRecord record = session.coded(testing::shipped_procedure(vw_id), {{2, "spare"}});
    ASSERT_EQ(record.outcome, RunOutcome::passed) << record.reason;
    EXPECT_THAT(session.bench.car().key_table(), ElementsAre(session.bench.fob(2).id()));
}

// Open pressed 2.5 s apart: the car counts the first press and takes the second for a coding
// press too soon. The first remote (one press) is coded; the second fails, named, with what
// the car noted, and so at each attempt.
TEST(VwRemotes, PressesTooFarApartFailTheSecondRemoteAloneAndTheVerdictNamesIt) {
    VwSession session;
    std::string text = testing::shipped_text("procedures/" + vw_id + ".toml");
    for (int i = 0; i < 2; ++i) {
        text = testing::replaced_once(text, "every_ms = 1000", "every_ms = 2500");
    }
    const auto procedure = parse_procedure(text, "vw-slow.toml");
    ASSERT_TRUE(procedure.ok()) << format(procedure.errors.front());
    const RunRecord record = session.coded(*procedure.value, testing::both_fobs);
    EXPECT_EQ(record.outcome, RunOutcome::failed);
    ASSERT_EQ(record.fobs.size(), 2u);
    EXPECT_TRUE(record.fobs[0].programmed);
    EXPECT_FALSE(record.fobs[1].programmed);
    EXPECT_THAT(record.fobs[1].reason, HasSubstr("(fob 2)"));
    // The car heard the remote (the horn at its first press): not a dead remote or receiver.
    EXPECT_THAT(record.reason, HasSubstr("the car answered this fob only in part in 3 attempts: "
                                         "it signalled horn while its program step played"));
    EXPECT_THAT(record.reason, HasSubstr("(fob 2): no horn-unlock cycle within 9 s after press"));
    EXPECT_THAT(record.reason, Not(HasSubstr("battery")));
    EXPECT_THAT(record.reason, HasSubstr("the coding press came 2.5 s after the last press of "
                                         "Open; the car wants 5 s to 10 s"));
    EXPECT_THAT(session.bench.car().key_table(), ElementsAre(session.bench.fob(1).id()));
}

// The coding press 11 s after the last counted one, for every remote: none is coded, and the
// verdict says the car never answered the coding and why.
TEST(VwRemotes, ACodingPressTooLateCodesNoRemote) {
    std::string text = testing::shipped_text("procedures/" + vw_id + ".toml");
    text = testing::replaced_once(text, "at_ms = 6500", "at_ms = 11000");
    text = testing::replaced_once(text, "at_ms = 6800", "at_ms = 11300");
    text = testing::replaced_once(text, "{ from = \"press\", to = \"code\"", "# {");
    text = testing::replaced_once(text, "within_ms = 9000", "within_ms = 12000");
    const auto procedure = parse_procedure(text, "vw-late.toml");
    ASSERT_TRUE(procedure.ok()) << format(procedure.errors.front());
    VwSession session;
    const RunRecord record = session.coded(*procedure.value, testing::both_fobs);
    EXPECT_EQ(record.outcome, RunOutcome::failed);
    EXPECT_THAT(record.reason,
                HasSubstr("the coding press came 11 s after the last press of Open"));
    EXPECT_THAT(record.reason, HasSubstr("it signalled horn while its program step played"));
    EXPECT_THAT(record.reason, Not(HasSubstr("check the car's receiver")));
    for (const int slot : {1, 2}) {
        EXPECT_THAT(session.bench.car().key_table(),
                    Not(::testing::Contains(session.bench.fob(slot).id())));
    }
}

// The block's gap is judged between repetitions: the simulated person turns the ignition on
// again about a second after turning it off, under a gap that wants 2 s.
TEST(VwRemotes, TheBlocksGapIsJudgedBetweenOneRemoteAndTheNext) {
    const std::string block = "for_each = \"fob\"\n";
    const auto procedure = parse_procedure(
        testing::replaced_once(testing::shipped_text("procedures/" + vw_id + ".toml"), block,
                               block + "gap = { from = \"off\", to = \"on\", min_ms = 2000, "
                                       "max_ms = 30000 }\n"),
        "vw-gap.toml");
    ASSERT_TRUE(procedure.ok()) << format(procedure.errors.front());
    VwSession session;
    const RunRecord record = session.coded(*procedure.value, testing::both_fobs);
    EXPECT_EQ(record.outcome, RunOutcome::failed);
    EXPECT_THAT(record.reason, HasSubstr("Switch the ignition on (fob 2) came 1 s after Switch "
                                         "the ignition off (fob 1); the car wants 2 to 30 s"));
}

// Five remotes for a car with four memory addresses: refused before anything is driven.
TEST(VwRemotes, MoreRemotesThanTheCarHasAddressesAreRefusedBeforeTheRun) {
    const Procedure procedure = testing::shipped_procedure(vw_id);
    const Rig rig = testing::shipped_rig("sim-8.toml");
    const std::vector<FobUnderTest> five{{1, ""}, {2, ""}, {3, ""}, {4, ""}, {5, ""}};
    const std::vector<std::string> refusals =
        run_refusals({.procedure = procedure, .rig = rig, .fobs = five});
    EXPECT_THAT(refusals, ::testing::Contains(HasSubstr("program at most 4 fobs at once")));
}

} // namespace
} // namespace fobrig
