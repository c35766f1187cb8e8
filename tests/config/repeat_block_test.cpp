// Repetition in a procedure file as a user writes it: a [[repeat]] block of steps once for each
// fob or a count of times, with its gap, and actions repeated the fob's number of times (VW:
// Open pressed N times for memory address N). The loader lays them out into plain steps; every
// mistake is one error at its FILE:LINE:COL naming the field.
#include "rig/config/procedure_file.hpp"
#include "tests/support/edited_file.hpp"
#include "tests/support/errors_of.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace fobrig {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

using testing::errors_of;
using testing::replaced;
using testing::replaced_once;

// The shipped VW file: ignition on, the door locked, the coding presses, ignition off, in a
// block for each fob; then the verify steps.
std::string vw_text() {
    return testing::shipped_text("procedures/vw-cabrio-1998.toml");
}

const std::string per_fob_block = "[[repeat]]\nsteps = [\"on\", \"lock-door\", \"code\", \"off\"]\n"
                                  "for_each = \"fob\"\n";

// The VW file with its block replaced by `block`.
std::string with_block(const std::string& block) {
    return replaced_once(vw_text(), per_fob_block, block);
}

// "vw.toml:LINE:" for the line of `text` that holds `needle`.
std::string at_line_of(const std::string& text, const std::string& needle) {
    const std::string position = testing::position_of(text, needle);
    return "vw.toml:" + position.substr(0, position.find(':') + 1);
}

std::vector<std::string> step_ids(const Procedure& procedure) {
    std::vector<std::string> out;
    for (const Step& step : procedure.steps) {
        out.push_back(step.id);
    }
    return out;
}

std::vector<std::pair<std::string, long>> timed_actions(const Step& step) {
    std::vector<std::pair<std::string, long>> out;
    for (const ButtonAction& action : std::get<SequenceStep>(step.body).actions) {
        out.emplace_back(
            action.name,
            static_cast<long>(std::chrono::duration_cast<milliseconds>(action.at).count()));
    }
    return out;
}

TEST(RepeatBlock, ForEachFobIsLaidOutOnceForEachFobTheCarKeeps) {
    const auto loaded = parse_procedure(vw_text(), "vw.toml");
    ASSERT_TRUE(loaded.ok()) << errors_of(loaded).front();
    const Procedure& procedure = *loaded.value;
    const std::vector<std::string> ids = step_ids(procedure);
    EXPECT_THAT(std::vector(ids.begin(), ids.begin() + 5),
                ElementsAre("on#1", "lock-door#1", "code#1", "off#1", "on#2"));
    EXPECT_THAT(
        std::vector(ids.begin() + 12, ids.end()),
        ElementsAre("on#4", "lock-door#4", "code#4", "off#4", "verify-lock", "verify-unlock"));
    const Step& second = procedure.steps[6];
    EXPECT_EQ(second.title, "Press Open as often as the memory address, and once more after 6 s "
                            "(fob 2)");
    EXPECT_EQ(second.fob, 2);
    EXPECT_EQ(procedure.steps[4].fob, 2);
    EXPECT_EQ(procedure.steps.back().fob, 0);
    EXPECT_FALSE(std::get<SequenceStep>(second.body).each_fob);
    EXPECT_TRUE(std::get<SequenceStep>(procedure.steps.back().body).each_fob);
    // The held door contact is opened once its own repetition's step is done.
    EXPECT_TRUE(std::get<OperatorStep>(procedure.steps[5].body).hold_through.empty());
}

// Fob 3: Open three times a second apart; the coding press 6.5 s after the last of them.
TEST(RepeatBlock, TheFobsNumberIsHowOftenTheRepeatedActionsArePlayed) {
    const auto loaded = parse_procedure(vw_text(), "vw.toml");
    ASSERT_TRUE(loaded.ok()) << errors_of(loaded).front();
    using Timed = std::pair<std::string, long>;
    EXPECT_THAT(timed_actions(loaded.value->steps[2]),
                ElementsAre(Timed{"press", 0}, Timed{"lift", 300}, Timed{"code", 6500},
                            Timed{"done", 6800}));
    EXPECT_THAT(timed_actions(loaded.value->steps[10]),
                ElementsAre(Timed{"press#1", 0}, Timed{"lift#1", 300}, Timed{"press#2", 1000},
                            Timed{"lift#2", 1300}, Timed{"press", 2000}, Timed{"lift", 2300},
                            Timed{"code", 8500}, Timed{"done", 8800}));
    for (const ButtonAction& action :
         std::get<SequenceStep>(loaded.value->steps[10].body).actions) {
        EXPECT_FALSE(action.repeat.has_value());
    }
}

TEST(RepeatBlock, AFixedCountRepeatsTheBlockForNoFobInParticular) {
    std::string text = replaced_once(vw_text(), "for_each = \"fob\"", "times = 2");
    text = replaced(text, "times = \"fob\"", "times = 3");
    const auto loaded = parse_procedure(text, "vw.toml");
    ASSERT_TRUE(loaded.ok()) << errors_of(loaded).front();
    EXPECT_THAT(step_ids(*loaded.value),
                ElementsAre("on#1", "lock-door#1", "code#1", "off#1", "on#2", "lock-door#2",
                            "code#2", "off#2", "verify-lock", "verify-unlock"));
    EXPECT_EQ(loaded.value->steps[4].title, "Switch the ignition on (2 of 2)");
    EXPECT_EQ(loaded.value->steps[6].fob, 0);
    // Three presses and lifts, the coding press and its lift.
    EXPECT_EQ(std::get<SequenceStep>(loaded.value->steps[6].body).actions.size(), 8u);
}

// A window between two of the block's steps holds in each repetition; the gap joins one
// repetition to the next.
TEST(RepeatBlock, WindowsInsideTheBlockHoldInEachRepetitionAndTheGapBetweenThem) {
    const auto loaded = parse_procedure(
        with_block(per_fob_block + "gap = { from = \"off\", to = \"on\", min_ms = 1000, max_ms = "
                                   "30000 }\n") +
            "[[window]]\nfrom = \"code.done\"\nto = \"off\"\nmax_ms = 10000\n",
        "vw.toml");
    ASSERT_TRUE(loaded.ok()) << errors_of(loaded).front();
    std::vector<std::string> windows;
    for (const Window& window : loaded.value->windows) {
        windows.push_back(window.from + " > " + window.to);
    }
    EXPECT_THAT(windows,
                ElementsAre("code#1.done > off#1", "code#2.done > off#2", "code#3.done > off#3",
                            "code#4.done > off#4", "off#1 > on#2", "off#2 > on#3", "off#3 > on#4"));
    EXPECT_EQ(loaded.value->windows.back().min, milliseconds(1000));
}

struct RepeatMistakeCase {
    const char* name;
    std::string text;
    std::string at;      // the text on the error's line
    std::string message; // in the error
};

// The VW file with a block of the steps on, lock-door and code repeated `block` (a times or
// for_each line), the presses counted as often as `presses` says.
std::string counted(const std::string& block, const std::string& presses = "times = 2") {
    return replaced(
        with_block("[[repeat]]\nsteps = [\"on\", \"lock-door\", \"code\", \"off\"]\n" + block),
        "times = \"fob\"", presses);
}

std::vector<RepeatMistakeCase> repeat_mistakes() {
    const std::string vw = vw_text();
    return {
        {"ACountThatIsNotANumber", counted("times = \"two\"\n"), "times = \"two\"",
         "'times' in [[repeat]] 1 must be an integer, not a string"},
        {"AnActionCountThatIsNeitherANumberNorFob",
         replaced_once(vw, "times = \"fob\", every", "times = \"two\", every"),
         "times = \"two\", every",
         "'times' in action 'press' of step 'code' must be a count or \"fob\" (the fob's "
         "number, in a block repeated for each fob), not \"two\""},
        {"ABlockNamingNoSteps", with_block("[[repeat]]\nsteps = []\nfor_each = \"fob\"\n"),
         "[[repeat]]\nsteps", "[[repeat]] 1 names no steps: list the ids of the steps it repeats"},
        {"ABlockNamingAStepThatIsNone",
         with_block("[[repeat]]\nsteps = [\"in\"]\nfor_each = \"fob\"\n"), "[[repeat]]\nsteps",
         "[[repeat]] 1 names step 'in', which is none"},
        {"ABlockWhoseStepsAreNotSideBySide",
         with_block("[[repeat]]\nsteps = [\"on\", \"code\"]\nfor_each = \"fob\"\n"),
         "[[repeat]]\nsteps",
         "names step 'code', which is not the step after 'on': a block's steps stand one after "
         "another"},
        {"AStepInTwoBlocks",
         counted("times = 2\n[[repeat]]\nsteps = [\"off\", \"verify-lock\"]\ntimes = 2\n"),
         "[[repeat]]\nsteps = [\"off\"",
         "[[repeat]] 2 repeats step 'off', which another block repeats already"},
        {"ABlockThatSaysNotHowOften", counted(""), "steps = [\"on\", \"lock-door\"",
         "[[repeat]] 1 says neither how often it repeats: give for_each = \"fob\""},
        {"ABlockForEachFobOfACarThatDoesNotSayHowManyItKeeps",
         replaced_once(vw, "max_keys = 4 ", "# "), "[[repeat]]\nsteps",
         "is repeated for each fob, once for each the car keeps: say how many with max_keys in "
         "[applies_to]"},
        {"AFobsNumberOutsideABlockForEachFob", with_block(""), "times = \"fob\", every",
         "times = \"fob\" in action 'press' is the fob's number, which only a block repeated for "
         "each fob knows"},
        {"ARepeatedActionWithoutItsInterval",
         replaced_once(vw, "times = \"fob\", every_ms = 1000", "times = \"fob\""),
         "times = \"fob\" }", "missing required field 'every_ms' in action 'press'"},
        {"RepeatedActionsLongerThanTheirInterval",
         replaced(vw, "every_ms = 1000", "every_ms = 300"), "times = \"fob\", every",
         "the repeated actions from action 'press' span 300 ms, so every_ms = 300 ms would start "
         "the next before they end"},
        {"RepeatedActionsSideBySideThatRepeatOtherwise",
         replaced_once(vw, "release = [\"unlock\"], times = \"fob\", every_ms = 1000",
                       "release = [\"unlock\"], times = \"fob\", every_ms = 2000"),
         "every_ms = 2000",
         "action 'lift' repeats otherwise than action 'press': actions side by side repeat "
         "together, with the same 'times' and 'every_ms'"},
        {"ARepeatedActionApartFromTheOthers",
         replaced_once(vw, "release = [\"unlock\"] },",
                       "release = [\"unlock\"], times = 2, every_ms = 1000 },"),
         "release = [\"unlock\"], times = 2",
         "action 'done' repeats, but is not next to the repeated action 'press'"},
        {"EachFobInAStepOfABlockForEachFob",
         replaced_once(vw, "purpose = \"program\"\n", "purpose = \"program\"\neach_fob = true\n"),
         "each_fob = true",
         "'each_fob' in step 'code' does not apply: [[repeat]] 1 repeats the step for each fob, "
         "each time for that fob alone; leave it out"},
        {"AWindowFromOutsideTheBlockIntoIt",
         vw + "[[window]]\nfrom = \"code.done\"\nto = \"verify-lock.press\"\nmax_ms = 60000\n",
         "[[window]]", "joins a repeated step to a step outside its block"},
        {"AGapNamingAStepOutsideTheBlock",
         with_block(per_fob_block + "gap = { from = \"off\", to = \"verify-lock.press\", max_ms = "
                                    "30000 }\n"),
         "gap = ",
         "the gap from 'off' to 'verify-lock.press' must name events of the block's own "
         "steps"},
    };
}

class RepeatMistake : public ::testing::TestWithParam<RepeatMistakeCase> {};

TEST_P(RepeatMistake, IsOneErrorAtItsLineSayingWhatIsWrong) {
    const RepeatMistakeCase& mistake = GetParam();
    const auto loaded = parse_procedure(mistake.text, "vw.toml");
    EXPECT_FALSE(loaded.ok());
    EXPECT_THAT(errors_of(loaded),
                ElementsAre(::testing::AllOf(StartsWith(at_line_of(mistake.text, mistake.at)),
                                             HasSubstr(mistake.message))));
}

INSTANTIATE_TEST_SUITE_P(EachMistake, RepeatMistake, ::testing::ValuesIn(repeat_mistakes()),
                         [](const auto& info) { return std::string(info.param.name); });

// A mistake inside a step of a block is said once, not once for each repetition.
TEST(RepeatBlock, AMistakeInARepeatedStepIsSaidOnce) {
    const std::string text = replaced_once(vw_text(), "at_ms = 6800", "at_ms = 6400");
    const auto loaded = parse_procedure(text, "vw.toml");
    EXPECT_THAT(errors_of(loaded), ElementsAre(HasSubstr("action 'done' at 6400 ms comes before "
                                                         "the previous action 'code'")));
}

} // namespace
} // namespace fobrig
