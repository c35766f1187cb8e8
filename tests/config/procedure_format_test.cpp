// What the procedure format says beyond timed presses, read from TOML as a user writes it: the
// car's key table, windows between events. Every bad value is one error at its FILE:LINE:COL naming
// the field.
#include "rig/config/procedure_file.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace fobrig {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// A small valid procedure; `applies_extra` goes at the end of [applies_to] (line 11 on).
std::string procedure_text(const std::string& applies_extra) {
    return R"([procedure]
id = "car"
name = "A car"
source = "tests"
on_failure = "Try again."
[applies_to]
make = "Honda"
models = ["Odyssey"]
years = [2005, 2005]
key_types = ["three-button"]
)" + applies_extra +
           R"(
[buttons]
lock = "top"
unlock = "bottom"
[[step]]
id = "learn"
title = "Learn"
kind = "sequence"
purpose = "program"
tolerance_ms = 20
actions = [
    { name = "press", at_ms = 0, press = ["lock"] },
    { name = "lift", at_ms = 300, release = ["lock"] },
]
confirm = { pattern = ["lock"], within_ms = 2000 }
)";
}

std::vector<std::string> errors(const LoadResult<Procedure>& loaded) {
    std::vector<std::string> out;
    for (const Diagnostic& error : loaded.errors) {
        out.push_back(format(error));
    }
    return out;
}

TEST(KeyTableField, AFileThatDoesNotSayIsEraseAllAsTheRigAlwaysAssumed) {
    const auto loaded = parse_procedure(procedure_text("max_keys = 4"), "car.toml");
    ASSERT_TRUE(loaded.ok()) << errors(loaded).front();
    EXPECT_EQ(loaded.value->applies_to.key_table, KeyTablePolicy::erase_all);
}

TEST(KeyTableField, EachPolicyIsReadByItsName) {
    for (const KeyTablePolicy policy :
         {KeyTablePolicy::erase_all, KeyTablePolicy::stacking, KeyTablePolicy::additive}) {
        const auto loaded = parse_procedure(
            procedure_text("max_keys = 3\nkey_table = \"" + std::string(name_of(policy)) + "\""),
            "car.toml");
        ASSERT_TRUE(loaded.ok()) << errors(loaded).front();
        EXPECT_EQ(loaded.value->applies_to.key_table, policy);
    }
}

TEST(KeyTableField, AnUnknownPolicyIsNamedAtItsValueWithTheKnownOnes) {
    const auto loaded =
        parse_procedure(procedure_text("max_keys = 3\nkey_table = \"fifo\""), "car.toml");
    EXPECT_THAT(errors(loaded),
                ElementsAre("car.toml:12:13: error: unknown key_table 'fifo' in [applies_to]; "
                            "expected one of: erase-all, stacking, additive"));
}

TEST(KeyTableField, StackingWithoutMaxKeysSaysWhatIsMissing) {
    const auto loaded = parse_procedure(procedure_text("key_table = \"stacking\""), "car.toml");
    EXPECT_THAT(errors(loaded), ElementsAre(HasSubstr("car.toml:11:13: error: key_table = "
                                                      "\"stacking\" in [applies_to] keeps the "
                                                      "newest codes and erases the oldest: say "
                                                      "how many with max_keys")));
}

// A procedure with an ignition-on step, a ritual press and an ignition-off step, and `windows`
// ([[window]] tables) at its end.
std::string honda_text(const std::string& windows) {
    return procedure_text("max_keys = 3\nkey_table = \"stacking\"") + R"(
[[step]]
id = "on"
title = "Turn the ignition on"
kind = "operator"
action = "ignition-on"
prompt = "Turn the ignition on."
timeout_ms = 60000
[[step]]
id = "lock"
title = "Press lock"
kind = "sequence"
purpose = "ritual"
each_fob = false
start_after_ms = 2000
tolerance_ms = 20
actions = [
    { name = "press", at_ms = 0, press = ["lock"] },
    { name = "lift", at_ms = 300, release = ["lock"] },
]
[[step]]
id = "off"
title = "Turn the ignition off"
kind = "operator"
action = "ignition-off"
prompt = "Turn the ignition off."
timeout_ms = 60000
)" + windows;
}

// Line of the first [[window]] in honda_text: after the 53 lines above it.
constexpr int window_line = 54;

TEST(EventWindowFields, WindowsBetweenOperatorEventsAndActionsAreRead) {
    const auto loaded = parse_procedure(honda_text(R"(
[[window]]
from = "on"
to = "lock.press"
min_ms = 1000
max_ms = 4000
[[window]]
from = "lock.press"
to = "off"
min_ms = 1000
max_ms = 4000
)"),
                                        "honda.toml");
    ASSERT_TRUE(loaded.ok()) << errors(loaded).front();
    ASSERT_EQ(loaded.value->windows.size(), 2u);
    EXPECT_EQ(loaded.value->windows[0].from, "on");
    EXPECT_EQ(loaded.value->windows[0].to, "lock.press");
    EXPECT_EQ(loaded.value->windows[0].min, milliseconds(1000));
    EXPECT_EQ(loaded.value->windows[1].max, milliseconds(4000));
    EXPECT_EQ(std::get<OperatorStep>(loaded.value->steps[1].body).action,
              OperatorAction::ignition_on);
    EXPECT_EQ(std::get<SequenceStep>(loaded.value->steps[2].body).purpose, SequencePurpose::ritual);
}

TEST(EventWindowFields, AnEventThatIsNotInTheProcedureIsNamed) {
    const auto loaded = parse_procedure(
        honda_text("[[window]]\nfrom = \"on\"\nto = \"lock.push\"\nmax_ms = 4000\n"), "honda.toml");
    EXPECT_THAT(errors(loaded),
                ElementsAre("honda.toml:" + std::to_string(window_line) +
                            ":1: error: the window's 'to' names 'lock.push', which is no event "
                            "of this procedure: an operator step's id, STEP.ACTION of a sequence "
                            "step, or STEP.answer"));
}

TEST(EventWindowFields, AWindowThatRunsBackwardsIsRefused) {
    const auto loaded = parse_procedure(
        honda_text("[[window]]\nfrom = \"off\"\nto = \"on\"\nmax_ms = 4000\n"), "honda.toml");
    EXPECT_THAT(errors(loaded), ElementsAre(HasSubstr("window runs backwards: 'on' does not come "
                                                      "after 'off'")));
}

TEST(EventWindowFields, AMinimumNotUnderTheMaximumIsRefusedAtMinMs) {
    const auto loaded = parse_procedure(
        honda_text("[[window]]\nfrom = \"on\"\nto = \"off\"\nmin_ms = 4000\nmax_ms = 4000\n"),
        "honda.toml");
    EXPECT_THAT(errors(loaded), ElementsAre("honda.toml:" + std::to_string(window_line + 3) +
                                            ":10: error: 'min_ms' in window 1 of the file is 4 "
                                            "s, not under its 'max_ms' of 4 s"));
}

// Two actions of one step: their schedule must keep the car's minimum too.
TEST(EventWindowFields, ActionsScheduledCloserThanTheMinimumAreRefused) {
    const auto loaded = parse_procedure(
        honda_text(
            "[[window]]\nfrom = \"lock.press\"\nto = \"lock.lift\"\nmin_ms = 500\nmax_ms = 4000\n"),
        "honda.toml");
    EXPECT_THAT(errors(loaded), ElementsAre(HasSubstr("lift comes 0.3 s after press, the car needs "
                                                      "at least 0.5 s (200 ms too early)")));
}

TEST(EventWindowFields, ARitualStepWithAnAnswerIsRefused) {
    std::string text = honda_text("");
    text.replace(text.find("]\n[[step]]\nid = \"off\""), 1,
                 "]\nconfirm = { pattern = [\"lock\"], within_ms = 2000 }");
    const auto loaded = parse_procedure(text, "honda.toml");
    EXPECT_THAT(errors(loaded), ElementsAre(HasSubstr("has purpose = \"ritual\", which the car "
                                                      "does not answer, but a 'confirm'")));
}

// A procedure whose first step is the operator step `fields` (after id, title, kind, prompt and
// timeout_ms, from line 33 on).
std::string counted_text(const std::string& fields) {
    return procedure_text("") + R"(
[[step]]
id = "enter"
title = "Cycle the ignition"
kind = "operator"
prompt = "OFF to RUN 8 times within 8 s, ending in RUN."
timeout_ms = 60000
)" + fields +
           "\n";
}

TEST(CountedStepFields, FordsEightTurnsAreRead) {
    const auto loaded = parse_procedure(
        counted_text("action = \"ignition-cycle\"\ncount = 8\nwithin_ms = 8000\nend = \"on\""),
        "ford.toml");
    ASSERT_TRUE(loaded.ok()) << errors(loaded).front();
    const auto& op = std::get<OperatorStep>(loaded.value->steps.at(1).body);
    EXPECT_EQ(op.count, 8);
    EXPECT_EQ(op.within, milliseconds(8000));
    EXPECT_TRUE(op.end_active);
}

TEST(CountedStepFields, AKeyCycleIsOneTurnUnlessCountedAndEndsOut) {
    const auto loaded = parse_procedure(counted_text("action = \"key-cycle\""), "gm.toml");
    ASSERT_TRUE(loaded.ok()) << errors(loaded).front();
    const auto& op = std::get<OperatorStep>(loaded.value->steps.at(1).body);
    EXPECT_EQ(op.count, 1);
    EXPECT_FALSE(op.end_active);
}

TEST(CountedStepFields, AnEndThatIsNotTheInputsIsNamedWithTheKnownOnes) {
    const auto loaded = parse_procedure(
        counted_text("action = \"door-cycle\"\ncount = 2\nend = \"on\""), "gm.toml");
    EXPECT_THAT(errors(loaded), ElementsAre(HasSubstr("gm.toml:35:7: error: unknown end 'on' in "
                                                      "step 'enter'; expected one of: closed, "
                                                      "open")));
}

TEST(CountedStepFields, CountingWhatCountsNothingIsRefused) {
    const auto loaded = parse_procedure(counted_text("action = \"confirm\"\ncount = 2"), "x.toml");
    EXPECT_THAT(errors(loaded), ElementsAre(HasSubstr("x.toml:34:9: error: step 'enter' counts "
                                                      "nothing: 'count', 'within_ms' and 'end' "
                                                      "are for action = \"ignition-cycle\"")));
    const auto no_count =
        parse_procedure(counted_text("action = \"ignition-cycle\"\nwithin_ms = 8000"), "x.toml");
    EXPECT_THAT(errors(no_count),
                ElementsAre(HasSubstr("x.toml:34:13: error: 'within_ms' in step 'enter' needs "
                                      "'count', the turns the rig counts")));
}

// The answer to an operator step: the locks cycle to say programming mode (Ford).
TEST(AnswerFields, AnOperatorStepTakesAConfirmationCountedFromItsEnd) {
    const auto loaded = parse_procedure(
        counted_text("action = \"ignition-cycle\"\ncount = 8\nwithin_ms = 8000\nend = \"on\"\n"
                     "confirm = { pattern = [\"lock\", \"unlock\"], within_ms = 3000 }"),
        "ford.toml");
    ASSERT_TRUE(loaded.ok()) << errors(loaded).front();
    const auto& op = std::get<OperatorStep>(loaded.value->steps.at(1).body);
    ASSERT_TRUE(op.confirm);
    EXPECT_EQ(op.confirm->pattern, (std::vector<std::string>{"lock", "unlock"}));
    EXPECT_EQ(op.confirm->within, milliseconds(3000));
    EXPECT_EQ(op.confirm->times, 0);
}

// Toyota: the locks cycle once for success, twice for failure.
TEST(AnswerFields, AnExactCountAndAFailurePatternAreRead) {
    std::string text = procedure_text("");
    text.replace(text.find("confirm = { pattern = [\"lock\"], within_ms = 2000 }"),
                 std::string("confirm = { pattern = [\"lock\"], within_ms = 2000 }").size(),
                 "confirm = { pattern = [\"lock\", \"unlock\"], times = 1, within_ms = 4000, "
                 "failures = [{ times = 2, means = \"the car did not take the code\" }, "
                 "{ pattern = [\"horn\"], times = 1 }] }");
    const auto loaded = parse_procedure(text, "toyota.toml");
    ASSERT_TRUE(loaded.ok()) << errors(loaded).front();
    const auto& confirm = *std::get<SequenceStep>(loaded.value->steps.at(0).body).confirm;
    EXPECT_EQ(confirm.times, 1);
    ASSERT_EQ(confirm.failures.size(), 2u);
    EXPECT_EQ(confirm.failures[0].pattern, confirm.pattern); // the success pattern's
    EXPECT_EQ(confirm.failures[0].times, 2);
    EXPECT_EQ(confirm.failures[0].means, "the car did not take the code");
    EXPECT_EQ(confirm.failures[1].pattern, (std::vector<std::string>{"horn"}));
}

// The learn step's confirm line, replaced by `confirm` (line 25 of procedure_text).
LoadResult<Procedure> with_confirm(const std::string& confirm) {
    std::string text = procedure_text("");
    const std::string old = "confirm = { pattern = [\"lock\"], within_ms = 2000 }";
    text.replace(text.find(old), old.size(), confirm);
    return parse_procedure(text, "car.toml");
}

TEST(AnswerFields, EachMistakeIsNamedAtItsField) {
    EXPECT_THAT(
        errors(with_confirm("confirm = { pattern = [\"chime\"], times = 11, within_ms = 5000 }")),
        ElementsAre(HasSubstr("car.toml:25:42: error: 'times' in the confirmation of step "
                              "'learn' is 11; it must be between 1 and 10")));
    EXPECT_THAT(errors(with_confirm("confirm = { pattern = [\"lock\"], within_ms = 4000, "
                                    "failures = [{ times = 2 }] }")),
                ElementsAre("car.toml:25:62: error: 'failures' in the confirmation of step "
                            "'learn' needs 'times', how often the car gives the pattern for "
                            "success: a count tells success from failure"));
    EXPECT_THAT(errors(with_confirm("confirm = { pattern = [\"lock\"], times = 1, within_ms = "
                                    "4000, failures = [{ times = 1 }] }")),
                ElementsAre("car.toml:25:74: error: failure 1 of the confirmation is the success "
                            "pattern itself (1 lock signal): the rig could not tell them apart"));
    EXPECT_THAT(errors(with_confirm("confirm = { pattern = [\"lock\"], times = 1, within_ms = "
                                    "4000, failures = [{ times = 2, say = \"no\" }] }")),
                ElementsAre(HasSubstr("unknown field 'say' in failure 1 of the confirmation of "
                                      "step 'learn'; allowed fields: pattern, times, means")));
    EXPECT_THAT(errors(with_confirm("confirm = { pattern = [\"lock\"], times = 1, within_ms = "
                                    "4000, failures = [{ pattern = [\"siren\"], times = 2 }] }")),
                ElementsAre(HasSubstr(
                    "car.toml:25:87: error: unknown entry 'siren' in 'pattern' in failure 1")));
}

TEST(AnswerFields, AnOperatorStepsAnswerNamesNoActionAndIsNotPressedAgain) {
    EXPECT_THAT(errors(parse_procedure(
                    counted_text("action = \"key-cycle\"\nconfirm = { pattern = [\"chime\"], "
                                 "after = \"press\", within_ms = 3000 }"),
                    "gm.toml")),
                ElementsAre("gm.toml:34:42: error: 'after' in the confirmation of step 'enter' "
                            "names an action, but an operator step has none: its answer counts "
                            "from the step done"));
    EXPECT_THAT(errors(parse_procedure(
                    counted_text("action = \"key-cycle\"\nconfirm = { pattern = [\"chime\"], "
                                 "within_ms = 3000, presses = 2 }"),
                    "gm.toml")),
                ElementsAre(HasSubstr("'presses' of the confirmation of step 'enter' is for "
                                      "verify steps only: an operator step is not pressed again")));
}

} // namespace
} // namespace fobrig
