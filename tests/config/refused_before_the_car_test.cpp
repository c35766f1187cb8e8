// Files that could not run as they say are refused when they are loaded, before any prompt:
// each a plausible change to a shipped file, refused at its line and column, naming the field.
#include "rig/config/procedure_file.hpp"
#include "rig/config/rig_file.hpp"
#include "rig/config/validate_files.hpp"
#include "tests/support/edited_file.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fobrig {
namespace {

using ::testing::HasSubstr;
using testing::position_of;
using testing::replaced;
using testing::replaced_once;
using testing::shipped_text;
using testing::step_position;

const std::string shipped_mini = shipped_text("procedures/mini-r50-2004.toml");
const std::string shipped_sim2 = shipped_text("rigs/sim-2.toml");

template <class T> std::string formatted_errors(const LoadResult<T>& result) {
    std::string text;
    for (const Diagnostic& error : result.errors) {
        text += format(error) + '\n';
    }
    return text;
}

// The one error of a changed procedure file, as `fobrig validate` prints it.
std::string procedure_error(const std::string& text) {
    const LoadResult<Procedure> result = parse_procedure(text, "mini.toml");
    EXPECT_FALSE(result.ok());
    EXPECT_EQ(result.errors.size(), 1u) << formatted_errors(result);
    return formatted_errors(result);
}

std::string rig_error(const std::string& text) {
    const LoadResult<Rig> result = parse_rig(text, "rig.toml");
    EXPECT_FALSE(result.ok());
    EXPECT_EQ(result.errors.size(), 1u) << formatted_errors(result);
    return formatted_errors(result);
}

std::string error_at(const std::string& position, const std::string& message,
                     const std::string& file = "mini.toml") {
    return file + ":" + position + ": error: " + message + "\n";
}

const std::string learn_confirm =
    "confirm = { pattern = [\"lock\", \"unlock\"], after = \"release\", within_ms = 3000 }";
const std::string verify_lock_confirm =
    "confirm = { pattern = [\"lock\"], after = \"press\", within_ms = 2000, presses = 3 }";

// One changed passage of a shipped file: where its one error points, and what it says.
struct Mistake {
    const char* test_name;
    bool rig; // a change to sim-2.toml, else to the Mini procedure
    const char* from;
    const char* to;
    const char* points_at; // in the changed text
    const char* message;
};

const Mistake mistakes[] = {
    {"AProcedureWithoutAProgramStepCouldNeverProgram", false, "purpose = \"program\"",
     "purpose = \"verify\"", "[procedure]",
     "the procedure has no step with kind = \"sequence\" and purpose = \"program\": it could "
     "never program a fob"},
    {"NoKeyTypesIsRefusedRatherThanProgrammingNothing", false, "key_types = [\"three-button\"]",
     "key_types = []", "[]",
     "'key_types' in [applies_to] is empty; name the key types the procedure programs, such as "
     "[\"three-button\"]"},
    {"AMisspeltAckSenseListsTheKnownRoles", false, "ack_sense = \"ignition\"",
     "ack_sense = \"ignitoin\"", "\"ignitoin\"",
     "unknown ack_sense 'ignitoin' in step 'enter'; expected one of: lock, unlock, ignition, "
     "indicator, key-in, door, chime, horn"},
    {"AMisspeltConfirmationRoleIsNamedAtItsEntry", false, "pattern = [\"lock\", \"unlock\"]",
     "pattern = [\"lock\", \"unlok\"]", "\"unlok\"",
     "unknown entry 'unlok' in 'pattern' in the confirmation of step 'learn'; expected one of: "
     "lock, unlock, ignition, indicator, key-in, door, chime, horn"},
    {"AKeyInLimitOnAConfirmStepIsRefusedAsItCouldNeverBeMet", false, "action = \"ignition-cycle\"",
     "action = \"confirm\"", "5000\nack_sense",
     "'max_ignition_on_ms' in step 'enter' times the key in the ignition, so it needs action = "
     "\"ignition-cycle\""},
    {"AZeroStartLimitIsRefusedBecauseNoLimitIsSaidByLeavingItOut", false, "start_within_ms = 30000",
     "start_within_ms = 0", "0    #",
     "'start_within_ms' in step 'learn' is 0; leave the field out for no limit"},
    {"AToleranceOfMinutesIsRefusedAsItWouldHideEveryLateEdge", false, "tolerance_ms = 20",
     "tolerance_ms = 600000", "600000",
     "'tolerance_ms' in step 'learn' is 600000, too lax to flag an edge that breaks the car's "
     "timing: at most 100 makes sense"},
    {"AButtonNameWithANewlineIsRefused", false, "boot = \"button for the boot\"",
     "\"bo\\not\" = \"button for the boot\"", "\"bo\\not\"",
     "the button name in [buttons] is 'bo\\not'; a name may hold only letters, digits, '-' and "
     "'_' (it names files and lines)"},
    {"AButtonNameThatClimbsOutOfAFolderIsRefused", false, "boot = \"button for the boot\"",
     "\"../boot\" = \"button for the boot\"", "\"../boot\"",
     "the button name in [buttons] is '../boot'; a name may hold only letters, digits, '-' and "
     "'_' (it names files and lines)"},
    {"AProcedureIdWithASlashIsRefused", false, "id = \"mini-r50-2004\"", "id = \"mini/r50\"",
     "\"mini/r50\"",
     "'id' in [procedure] is 'mini/r50'; a name may hold only letters, digits, '-' and '_' (it "
     "names files and lines)"},
    {"AnUnnamedActionIsNamedByItsPlaceInItsStep", false,
     "{ name = \"press1\",  at_ms = 1000, press = [\"lock\"] }",
     "{ at_ms = 1000, press = [\"lok\"] }", "{ at_ms = 1000",
     "action 2 of step 'learn' presses 'lok', which is not in [buttons] (known: boot, lock, "
     "unlock)"},
    {"MoreVerifyPressesThanTheRollingCodeWindowAllowsAreRefused", false,
     "within_ms = 2000, presses = 3 }", "within_ms = 2000, presses = 6 }", "6 }",
     "'presses' in the confirmation of step 'verify-lock' is 6; it must be between 1 and 5"},
    {"ALearnStepThatPressesAgainIsRefusedAsTheCarLeftProgrammingMode", false,
     "after = \"release\", within_ms = 3000 }",
     "after = \"release\", within_ms = 3000, presses = 2 }", "2 }",
     "'presses' of the confirmation of step 'learn' is for verify steps only: a program step "
     "that the car did not answer is retried by [retry], from the start"},
    {"AMisspeltSenseRoleListsTheKnownRoles", true, "role = \"ignition\"", "role = \"ignitoin\"",
     "\"ignitoin\"",
     "unknown role 'ignitoin' in [[sense]] 3; expected one of: lock, unlock, ignition, "
     "indicator, key-in, door, chime, horn"},
    {"ASenseRoleThatNoCarHasIsRefused", true, "role = \"lock\"", "role = \"banana\"", "\"banana\"",
     "unknown role 'banana' in [[sense]] 1; expected one of: lock, unlock, ignition, indicator, "
     "key-in, door, chime, horn"},
    {"AnOutputButtonThatClimbsOutOfAFolderIsRefused", true, "button = \"boot\"",
     "button = \"../boot\"", "\"../boot\"",
     "'button' in [[output]] 3 is '../boot'; a name may hold only letters, digits, '-' and '_' "
     "(it names files and lines)"},
};

class RefusedMistake : public ::testing::TestWithParam<Mistake> {};

TEST_P(RefusedMistake, IsOneErrorAtItsLineAndColumnNamingTheField) {
    const Mistake& mistake = GetParam();
    const std::string text =
        replaced_once(mistake.rig ? shipped_sim2 : shipped_mini, mistake.from, mistake.to);
    const std::string file = mistake.rig ? "rig.toml" : "mini.toml";
    EXPECT_EQ(mistake.rig ? rig_error(text) : procedure_error(text),
              error_at(position_of(text, mistake.points_at), mistake.message, file));
}

INSTANTIATE_TEST_SUITE_P(ChangedShippedFiles, RefusedMistake, ::testing::ValuesIn(mistakes),
                         [](const auto& info) { return std::string(info.param.test_name); });

TEST(RefusedBeforeTheCar, AProgramStepWithoutConfirmCouldNeverSeeAFobLearnt) {
    const std::string text = replaced(shipped_mini, learn_confirm, "");
    EXPECT_EQ(procedure_error(text),
              error_at(step_position(text, "learn"),
                       "step 'learn' has purpose = \"program\" but no 'confirm': the rig could not "
                       "tell whether the car learnt the fob"));
}

TEST(RefusedBeforeTheCar, AVerifyStepWithoutConfirmCouldNeverVerify) {
    const std::string text = replaced(shipped_mini, verify_lock_confirm, "");
    EXPECT_EQ(
        procedure_error(text),
        error_at(step_position(text, "verify-lock"),
                 "step 'verify-lock' has purpose = \"verify\" but no 'confirm': the rig could "
                 "not tell whether the car answered it"));
}

TEST(RefusedBeforeTheCar, AStartLimitIsCountedFromThePreviousSequencesLastActionAsTheCarDoes) {
    const std::string boot = R"(
[[step]]
id = "boot"
title = "Press boot"
kind = "sequence"
purpose = "program"
each_fob = false
start_after_ms = 500
start_within_ms = 1500
tolerance_ms = 20
actions = [
    { name = "press", at_ms = 0, press = ["boot"] },
    { name = "lift", at_ms = 300, release = ["boot"] },
]
confirm = { pattern = ["lock"], within_ms = 2000 }
)";
    // After the learn step's variants, which belong to the step above them.
    const std::string finalise = "[[step]]\nid = \"finalise\"";
    const std::string text = replaced(shipped_mini, finalise, boot.substr(1) + "\n" + finalise);
    EXPECT_EQ(
        procedure_error(text),
        error_at(step_position(text, "boot"),
                 "the first action may come 3.5 s after the last action of step 'learn' (its "
                 "confirmation waits up to 3 s for the car's answer, then start_after_ms = 500 + "
                 "at_ms = 0), but start_within_ms allows 1.5 s, counted from that last action as "
                 "the car counts"));
}

TEST(RefusedBeforeTheCar, TheNextFobsStartLimitIncludesThisFobsConfirmationWait) {
    const std::string text =
        replaced(shipped_mini, "start_within_ms = 30000", "start_within_ms = 3500");
    EXPECT_EQ(
        procedure_error(text),
        error_at(step_position(text, "learn"),
                 "the first action may come 4 s after the last action of the previous fob's "
                 "step 'learn' (its confirmation waits up to 3 s for the car's answer, then "
                 "start_after_ms = 1000 + at_ms = 0), but start_within_ms allows 3.5 s, counted "
                 "from that last action as the car counts"));
}

TEST(RefusedBeforeTheCar, RetriesWithoutTheCarsSessionLengthAreRefused) {
    const std::string text = replaced(shipped_mini, "[car]", "[not-the-car]");
    const LoadResult<Procedure> result = parse_procedure(text, "mini.toml");
    EXPECT_THAT(
        formatted_errors(result),
        HasSubstr(error_at(position_of(text, "[retry]"),
                           "[retry] allows 3 attempts, but the file does not say how long the "
                           "car's programming session lasts ([car] session_ms): a retry must "
                           "wait it out to start from a known state of the car")));
}

TEST(RefusedBeforeTheCar, OneLineWrittenAsANumberAndAsAChipNameIsWiredOnce) {
    std::string text =
        replaced_once(shipped_sim2, "chip = \"fobrig-sim\"\nline = 0", "chip = \"0\"\nline = 0");
    text = replaced_once(text, "chip = \"fobrig-sim\"\nline = 1", "chip = \"gpiochip0\"\nline = 0");
    const std::size_t second = text.find("[[output]]", text.find("[[output]]") + 1);
    const std::string first = position_of(text, "[[output]]");
    EXPECT_EQ(rig_error(text), error_at(testing::position_at(text, second),
                                        "line gpiochip0:0 is already used by slot 1 lock (line " +
                                            first.substr(0, first.find(':')) + ")",
                                        "rig.toml"));
}

// `fobrig validate` of a procedure and a rig, written as files, as a user would run it.
struct ValidatedTogether : ::testing::Test {
    std::filesystem::path dir;

    void SetUp() override {
        std::string pattern = (std::filesystem::temp_directory_path() / "fobrig-XXXXXX").string();
        ASSERT_NE(mkdtemp(pattern.data()), nullptr);
        dir = pattern;
    }
    void TearDown() override { std::filesystem::remove_all(dir); }

    std::string validate(const std::string& procedure, const std::string& rig) {
        std::ofstream(dir / "mini.toml") << procedure;
        std::ofstream(dir / "rig.toml") << rig;
        std::ostringstream out;
        EXPECT_EQ(validate_files({dir / "mini.toml", dir / "rig.toml"}, out), 1);
        return out.str();
    }
    std::string error(const std::string& position, const std::string& message) {
        return (dir / "mini.toml").string() + ":" + position + ": error: " + message + " (rig " +
               (dir / "rig.toml").string() + ")\n";
    }
};

TEST_F(ValidatedTogether, ASlowReleasingSwitchThatReordersAPressIsRefusedForItsChannel) {
    const std::string rig = replaced_once(shipped_sim2, "kind = \"relay\"\n",
                                          "kind = \"relay\"\nrelease_latency_us = 400000\n");
    EXPECT_THAT(validate(shipped_mini, rig),
                HasSubstr(error(position_of(shipped_mini, "{ name = \"press1\""),
                                "slot 1 'lock': action 'press1' follows the previous one too "
                                "closely for the switch's operate (6 ms) and release (400 ms) "
                                "latencies: it would be commanded before it")));
}

TEST_F(ValidatedTogether, APressAsLongAsTheChannelsMaximumIsRefusedNotCutShort) {
    const std::string rig = replaced(shipped_sim2, "max_hold_ms = 8000", "max_hold_ms = 4300");
    EXPECT_THAT(validate(shipped_mini, rig),
                HasSubstr(error(position_of(shipped_mini, "{ name = \"hold\""),
                                "'unlock' is held 4300 ms; with its switch's latencies (6 ms "
                                "operate, 4 ms release) and tolerance_ms its line may stay driven "
                                "4322 ms, not under slot 1 unlock's max_hold_ms of 4300 ms")));
}

// The answer's failure pattern is sensed too: a chime the rig has no input for is refused.
TEST_F(ValidatedTogether, AFailurePatternTheRigCannotSenseIsRefusedAtTheConfirmation) {
    const std::string mini =
        replaced_once(shipped_mini, learn_confirm,
                      "confirm = { pattern = [\"lock\", \"unlock\"], times = 1, after = "
                      "\"release\", within_ms = 3000, failures = [{ pattern = [\"chime\"], "
                      "times = 2 }] }");
    EXPECT_THAT(validate(mini, shipped_sim2),
                HasSubstr(error(position_of(mini, "{ pattern = [\"lock\", \"unlock\"], times"),
                                "confirmation names sense input 'chime', which the rig does "
                                "not wire")));
}

} // namespace
} // namespace fobrig
