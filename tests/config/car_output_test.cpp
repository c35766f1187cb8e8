// Contacts across the car's switches: a rig file's [[output]] with `car` instead of a fob's slot
// and button, and a procedure's operator step holding one (GM: the door's unlock switch held
// while the operator works the key). Every mistake is refused at its field before anything is
// driven, and a procedure that holds a switch the rig does not wire is refused against it.
#include "rig/config/procedure_file.hpp"
#include "rig/config/rig_file.hpp"
#include "rig/core/procedure_check.hpp"
#include "tests/support/edited_file.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace fobrig {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::replaced_once;
using testing::shipped_text;

std::vector<std::string> errors(const std::vector<Diagnostic>& diagnostics) {
    std::vector<std::string> out;
    for (const Diagnostic& error : diagnostics) {
        out.push_back(format(error));
    }
    return out;
}

// A rig of one fob's lock button (lines 1-10) and `car_output` after it (from line 11).
LoadResult<Rig> rig_with(const std::string& car_output) {
    return parse_rig("[rig]\nname = \"t\"\nbackend = \"sim\"\n[[output]]\nslot = 1\nbutton = "
                     "\"lock\"\nchip = \"0\"\nline = 0\nkind = \"relay\"\nmax_hold_ms = 5000\n" +
                         car_output,
                     "t.toml");
}

const std::string door_unlock = "[[output]]\ncar = \"door-unlock\"\nchip = \"0\"\nline = 1\nkind = "
                                "\"relay\"\nmax_hold_ms = 40000\n";

TEST(CarOutput, IsReadWithItsSwitchAndTakesNoSlot) {
    const LoadResult<Rig> rig = rig_with(door_unlock);
    ASSERT_TRUE(rig.ok()) << errors(rig.errors).front();
    EXPECT_EQ(rig.value->outputs[1].car_switch, "door-unlock");
    EXPECT_EQ(rig.value->car_output("door-unlock"), 1u);
    EXPECT_EQ(rig.value->slots, std::vector<int>{1});
    EXPECT_EQ(channel_name(rig.value->outputs[1]), "car.door-unlock");
    EXPECT_FALSE(rig.value->output_index(0, "door-unlock"));
}

TEST(CarOutput, EachMistakeIsNamedAtItsField) {
    EXPECT_THAT(
        errors(rig_with("[[output]]\ncar = \"horn\"\nchip = \"0\"\nline = 1\nkind = \"relay\"\n"
                        "max_hold_ms = 40000\n")
                   .errors),
        ElementsAre("t.toml:12:7: error: unknown car 'horn' in [[output]] 2; expected one "
                    "of: door-unlock, door-lock, key-in, door"));
    EXPECT_THAT(errors(rig_with(door_unlock + "slot = 1\n").errors),
                ElementsAre("t.toml:17:1: error: unknown field 'slot' in the output across the "
                            "car's door-unlock switch; allowed fields: car, chip, line, "
                            "active_low, kind, operate_latency_us, release_latency_us, "
                            "max_hold_ms, readback_active_low, readback_bias"));
    EXPECT_THAT(
        errors(rig_with(door_unlock + "\n" + replaced_once(door_unlock, "line = 1", "line = 2"))
                   .errors),
        ElementsAre(HasSubstr("the car's door-unlock switch is already wired (line 11)")));
    EXPECT_THAT(errors(rig_with(replaced_once(door_unlock, "line = 1", "line = 0")).errors),
                ElementsAre(HasSubstr("line gpiochip0:0 is already used by slot 1 lock")));
}

// The Mini's file with an operator step that holds the car's door unlock switch: the key's
// first turn, holding it through the second (`fields` go after its ack_sense).
Procedure holding(const std::string& fields, std::vector<std::string>* problems = nullptr) {
    const std::string text = replaced_once(shipped_text("procedures/mini-r50-2004.toml"),
                                           "ack_sense = \"ignition\"     #",
                                           fields + "\nack_sense = \"ignition\"     #");
    LoadResult<Procedure> loaded = parse_procedure(text, "gm.toml");
    if (problems != nullptr) {
        *problems = errors(loaded.errors);
        return {};
    }
    if (!loaded.ok()) {
        throw std::logic_error(errors(loaded.errors).front());
    }
    return *loaded.value;
}

TEST(HeldSwitch, IsReadWithTheStepItIsHeldThrough) {
    const Procedure procedure = holding("hold = [\"door-unlock\"]\nhold_through = \"learn\"");
    const auto& op = std::get<OperatorStep>(procedure.steps[0].body);
    EXPECT_EQ(op.hold, std::vector<std::string>{"door-unlock"});
    EXPECT_EQ(op.hold_through, "learn");
}

TEST(HeldSwitch, EachMistakeIsNamedAtItsField) {
    std::vector<std::string> problems;
    holding("hold = [\"boot-lid\"]", &problems);
    EXPECT_THAT(problems, ElementsAre(HasSubstr("unknown entry 'boot-lid' in 'hold' in step "
                                                "'enter'; expected one of: door-unlock, "
                                                "door-lock, key-in, door")));
    holding("hold_through = \"learn\"", &problems);
    EXPECT_THAT(problems, ElementsAre(HasSubstr("'hold_through' in step 'enter' says until when "
                                                "a contact is held, but the step holds none")));
    holding("hold = [\"door-unlock\"]\nhold_through = \"enter\"", &problems);
    EXPECT_THAT(problems, ElementsAre(HasSubstr("'hold_through' in step 'enter' names 'enter', "
                                                "which is no later step of the procedure")));
}

Rig shipped_rig(const std::string& file) {
    return *parse_rig(shipped_text("rigs/" + file), file).value;
}

TEST(HeldSwitch, ARigWithoutTheSwitchIsRefusedBeforeAnythingIsDriven) {
    const Procedure procedure = holding("hold = [\"door-unlock\"]");
    EXPECT_THAT(check_procedure_against_rig(procedure, shipped_rig("sim-2.toml"), {1, 2}),
                ElementsAre(::testing::Field(
                    &Problem::message, "step 'enter' holds the car's 'door-unlock' switch, which "
                                       "rig 'sim-2' does not wire (an [[output]] with car = "
                                       "\"door-unlock\")")));
    EXPECT_THAT(check_procedure_against_rig(procedure, shipped_rig("sim-2-car.toml"), {1, 2}),
                ::testing::IsEmpty());
}

TEST(HeldSwitch, ACountLimitPastTheOutputsMaximumHoldIsRefused) {
    Procedure procedure = holding("hold = [\"door-unlock\"]");
    auto& op = std::get<OperatorStep>(procedure.steps[0].body);
    op = OperatorStep{.action = OperatorAction::key_cycle,
                      .prompt = "Insert and remove the key twice, insert it a third time",
                      .timeout = seconds(60),
                      .count = 3,
                      .within = seconds(45),
                      .end_active = true,
                      .hold = {"door-unlock"}};
    EXPECT_THAT(check_procedure_against_rig(procedure, shipped_rig("sim-2-car.toml"), {1}),
                ElementsAre(::testing::Field(
                    &Problem::message, "step 'enter' may hold the car's 'door-unlock' switch for "
                                       "its within_ms of 45000 ms, not under the output's "
                                       "max_hold_ms of 40000 ms")));
}

} // namespace
} // namespace fobrig
