// Each kind of mistake in a procedure or rig file gives one gcc-style error at its line that
// names the field, and no value.
#include "rig/config/procedure_file.hpp"
#include "rig/config/rig_file.hpp"
#include "rig/core/edge_name.hpp"
#include "tests/support/edited_file.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <fstream>

namespace fobrig {
namespace {

using ::testing::StartsWith;

std::string all(const std::vector<Diagnostic>& errors) {
    std::string text;
    for (const Diagnostic& error : errors) {
        text += format(error) + '\n';
    }
    return text;
}

// The single error of a broken file, formatted; "" if there is not exactly one.
template <class T> std::string only_error(const LoadResult<T>& result) {
    EXPECT_FALSE(result.value.has_value());
    EXPECT_EQ(result.errors.size(), 1u) << all(result.errors);
    return result.errors.size() == 1 ? format(result.errors.front()) : "";
}

// A file under tests/data with one mistake: where its error is and how the message begins.
struct BrokenFile {
    const char* test_name;
    const char* file;
    int line;
    int column;
    const char* message;
};

const BrokenFile broken_files[] = {
    {"AMissingRequiredFieldIsNamedAtItsTable", "procedures/broken-missing-field.toml", 18, 1,
     "missing required field 'timeout_ms' in step 'enter'"},
    {"AValueOfTheWrongTypeSaysWhichTypeItMustBe", "procedures/broken-wrong-type.toml", 24, 14,
     "'timeout_ms' in step 'enter' must be an integer, not a string"},
    {"AnUnknownFieldIsNamedWithTheFieldsAllowedThere", "procedures/broken-unknown-field.toml", 36,
     37,
     "unknown field 'prss' in action 'press' of step 'learn'; allowed fields: name, "
     "at_ms, press, release"},
    {"AnUnknownStepKindListsTheKnownOnes", "procedures/broken-unknown-kind.toml", 21, 8,
     "unknown kind 'macro' in step 'enter'; expected one of: operator, sequence"},
    {"AnUnknownOperatorActionListsTheKnownOnes", "procedures/broken-unknown-action.toml", 22, 10,
     "unknown action 'ignition-toggle' in step 'enter'"},
    {"AnUnknownPurposeListsTheKnownOnes", "procedures/broken-unknown-purpose.toml", 30, 11,
     "unknown purpose 'pair' in step 'learn'"},
    {"APressOfAButtonMissingFromButtonsIsReportedOnceAtItsAction",
     "procedures/broken-unknown-button.toml", 36, 5,
     "action 'press' presses 'lok', which is not in [buttons] (known: lock, unlock)"},
    {"AZeroDurationThatMustBePositiveIsRefused", "procedures/broken-zero-duration.toml", 32, 16,
     "'tolerance_ms' in step 'learn' is 0; it must be positive"},
    {"ANegativeDurationIsRefused", "procedures/broken-negative-duration.toml", 35, 30,
     "'at_ms' in action 'lift' of step 'learn' is -1000; a duration cannot be "
     "negative"},
    {"ADurationOverTenMinutesIsAbsurd", "procedures/broken-absurd-duration.toml", 24, 14,
     "'timeout_ms' in step 'enter' is 6000000, absurdly long"},
    {"ActionsOutOfTimeOrderAreReportedAtTheEarlyOne", "procedures/broken-out-of-order.toml", 36, 5,
     "action 'press' at 900 ms comes before the previous action 'lift' at 1000 ms; "
     "actions must be in time order"},
    {"ReleasingAButtonThatIsNotPressedIsRefused", "procedures/broken-release-unpressed.toml", 38, 5,
     "action 'again' releases 'unlock', which is not pressed at that point"},
    {"AButtonStillPressedAfterTheLastActionIsReportedWhereItWasPressed",
     "procedures/broken-still-pressed.toml", 34, 5,
     "'unlock' is still pressed after the last action (pressed by action 'hold'); "
     "release it"},
    {"ADuplicateStepIdNamesTheFirstOne", "procedures/broken-duplicate-step.toml", 26, 1,
     "step id 'enter' is used twice (first at line 18)"},
    {"ADuplicateActionNameNamesTheFirstOne", "procedures/broken-duplicate-action.toml", 37, 5,
     "in step 'learn', action name 'hold' is used twice (first at line 34)"},
    {"AWindowNamingAnUnknownActionIsRefused", "procedures/broken-window-unknown-action.toml", 39,
     12, "the window's 'to' names action 'press3', which the step does not have"},
    {"ASequenceThatDoesNotFitItsWindowSaysByHowMuch", "procedures/broken-window-too-short.toml", 39,
     12, "press comes 1.5 s after hold, the window allows 1 s (500 ms too late)"},
    {"AFirstActionLaterThanStartWithinIsRefused", "procedures/broken-start-within.toml", 26, 1,
     "the first action comes 1 s after the previous step"},
    {"AConfirmationWithAnEmptyPatternNamesNoSenseInput", "procedures/broken-empty-pattern.toml", 40,
     11, "confirmation names no sense input"},
    {"AConfirmationWithoutWithinIsRefused", "procedures/broken-within-missing.toml", 40, 11,
     "missing required field 'within_ms' in the confirmation of step 'learn'"},
    {"AVariantsMistakeIsReportedAtTheVariantsLine", "procedures/broken-variant-button.toml", 48, 5,
     "action 'hold' presses 'lok', which is not in [buttons] (known: lock, unlock)"},
    {"AVariantIdUsedTwiceNamesTheFirst", "procedures/broken-variant-duplicate-id.toml", 43, 1,
     "in step 'learn', variant id 'unlock-held' is used twice (first at line 40)"},
    {"AVariantWithoutActionsInAStepWithoutAnyIsRefused",
     "procedures/broken-variant-no-actions.toml", 35, 1,
     "variant 'unlock-held' of step 'learn' has no 'actions', and its step gives none"},
    {"ATomlSyntaxErrorGivesOneErrorAtTomlsPosition", "procedures/broken-syntax.toml", 29, 17,
     "TOML syntax:"},
    {"ALineUsedTwiceIsReportedAtTheSecondNamingTheFirst", "rigs/broken-duplicate-line.toml", 15, 1,
     "line fobrig-sim:0 is already used by slot 1 lock (line 7)"},
    {"ASenseInputOnAnOutputsLineIsReportedToo", "rigs/broken-duplicate-sense-line.toml", 28, 1,
     "line fobrig-sim:1 is already used by slot 1 unlock (line 15)"},
    {"TheSameButtonOfTheSameSlotTwiceIsRefused", "rigs/broken-duplicate-button.toml", 15, 1,
     "slot 1 lock is already wired (line 7)"},
    {"TheSameSenseRoleTwiceIsRefused", "rigs/broken-duplicate-role.toml", 28, 1,
     "sense input 'lock' is already wired (line 23)"},
    {"AnUnknownSwitchKindListsTheKnownOnes", "rigs/broken-unknown-kind.toml", 12, 8,
     "unknown kind 'reed' in the output for slot 1 lock; expected one of: relay, "
     "optocoupler, solid-state"},
    {"AnUnknownBackendListsTheKnownOnes", "rigs/broken-unknown-backend.toml", 5, 11,
     "unknown backend 'gpio' in [rig]"},
    {"AMaxHoldOverAMinuteIsAbsurd", "rigs/broken-absurd-max-hold.toml", 13, 15,
     "'max_hold_ms' in the output for slot 1 lock is 120000, absurdly long"},
    {"AnOutputWithoutMaxHoldIsRefused", "rigs/broken-missing-max-hold.toml", 7, 1,
     "missing required field 'max_hold_ms' in the output for slot 1 lock"},
    {"AChipNumberMustBeWrittenAsAString", "rigs/broken-chip-number.toml", 10, 8,
     "'chip' in the output for slot 1 lock must be a string, not an integer"},
    {"AnUnknownBiasListsTheKnownOnes", "rigs/broken-unknown-bias.toml", 28, 8,
     "unknown bias 'pull_up' in sense input 'lock'; expected one of: as-is, disabled, pull-up, "
     "pull-down"},
    {"ADebounceOverASecondIsAbsurd", "rigs/broken-absurd-debounce.toml", 27, 15,
     "'debounce_ms' in sense input 'lock' is 5000, absurdly long"},
    {"AnUnknownOutputFieldIsNamedWithTheFieldsAllowedThere", "rigs/broken-unknown-field.toml", 13,
     1,
     "unknown field 'actve_low' in the output for slot 1 lock; allowed fields: slot, "
     "button, chip, line, active_low,"},
};

class BrokenFileError : public ::testing::TestWithParam<BrokenFile> {};

TEST_P(BrokenFileError, IsOneGccStyleErrorAtItsLineNamingTheField) {
    const BrokenFile& broken = GetParam();
    const std::string path = std::string(FOBRIG_TEST_DATA "/") + broken.file;
    const std::string error = std::string_view(broken.file).starts_with("procedures/")
                                  ? only_error(load_procedure_file(path))
                                  : only_error(load_rig_file(path));
    EXPECT_THAT(error, StartsWith(path + ":" + std::to_string(broken.line) + ":" +
                                  std::to_string(broken.column) + ": error: " + broken.message));
}

INSTANTIATE_TEST_SUITE_P(EachKindOfMistake, BrokenFileError, ::testing::ValuesIn(broken_files),
                         [](const auto& info) { return std::string(info.param.test_name); });

TEST(ProcedureFile, EveryProblemInAFileIsReportedInOnePassInLineOrder) {
    const LoadResult<Procedure> result =
        load_procedure_file(FOBRIG_TEST_DATA "/procedures/broken-several.toml");
    EXPECT_FALSE(result.value.has_value());
    std::vector<int> lines;
    for (const Diagnostic& error : result.errors) {
        lines.push_back(error.line);
    }
    // name missing, nmae unknown, timeout_ms zero, step id twice, prss unknown.
    EXPECT_THAT(lines, ::testing::ElementsAre(2, 4, 24, 26, 36)) << all(result.errors);
}

TEST(ProcedureFile, TheConfirmationMustWaitAfterAnActionOfItsStep) {
    std::string text = R"(
[procedure]
id = "x"
name = "x"
source = "x"
on_failure = "x"
[applies_to]
make = "x"
models = ["x"]
years = [2004, 2006]
key_types = ["x"]
[buttons]
lock = "x"
[[step]]
id = "s"
title = "s"
kind = "sequence"
purpose = "program"
tolerance_ms = 20
actions = [{ name = "press", at_ms = 0, press = ["lock"] }, { at_ms = 300, release = ["lock"] }]
confirm = { pattern = ["lock"], after = "lift", within_ms = 2000 }
)";
    EXPECT_EQ(only_error(parse_procedure(text, "inline.toml")),
              "inline.toml:21:11: error: the confirmation's 'after' names action 'lift', which "
              "the step does not have");
}

// Every edge the run records carries its step's id and its action's name in place
// (rig/core/edge_name.hpp): a longer name is refused at its line, before any run.
TEST(ProcedureFile, AStepIdOrActionNameTooLongForAnEdgeIsRefusedAtItsLine) {
    const std::string mini = testing::shipped_text("procedures/mini-r50-2004.toml");
    const std::string longest(EdgeName::capacity, 'x');
    const std::string longer = longest + "y";
    const std::string shown = "'" + std::string(32, 'x') +
                              "...' is 64 characters long; a name "
                              "is at most 63";
    EXPECT_TRUE(
        parse_procedure(testing::replaced(mini, "\"learn\"", "\"" + longest + "\""), "mini.toml")
            .ok());
    EXPECT_EQ(only_error(parse_procedure(testing::replaced(mini, "\"learn\"", "\"" + longer + "\""),
                                         "mini.toml")),
              "mini.toml:81:1: error: step id " + shown);
    EXPECT_EQ(only_error(parse_procedure(
                  testing::replaced_once(mini, "name = \"lift\"", "name = \"" + longer + "\""),
                  "mini.toml")),
              "mini.toml:173:5: error: in step 'verify-lock', action name " + shown);
}

TEST(ProcedureFile, AMissingFileIsAnErrorNamingIt) {
    EXPECT_EQ(only_error(load_procedure_file(FOBRIG_TEST_DATA "/no-such.toml")),
              FOBRIG_TEST_DATA "/no-such.toml: error: cannot read file: no such file");
}

// A 2 GiB sparse file takes no disk and, read whole, gigabytes of memory: it is refused from
// its size, at once.
TEST(ProcedureFile, AFileLargerThanAnyProcedureIsRefusedUnread) {
    const auto path = std::filesystem::temp_directory_path() /
                      ("fobrig-huge-" + std::to_string(::getpid()) + ".toml");
    std::ofstream{path}.close();
    std::filesystem::resize_file(path, 2ull << 30);
    const auto started = std::chrono::steady_clock::now();
    const std::string error = only_error(load_procedure_file(path));
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(1));
    std::filesystem::remove(path);
    EXPECT_EQ(error,
              path.string() + ": error: the file is 2147483648 bytes; at most 1048576 are read");
}

} // namespace
} // namespace fobrig
