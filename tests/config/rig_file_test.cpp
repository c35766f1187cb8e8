// Details of rig loading that the shipped rig does not show: switch timing, slot order,
// read-back lines and the bias of inputs.
#include "rig/config/rig_file.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace fobrig {
namespace {

// A rig file whose outputs are `outputs`.
LoadResult<Rig> rig_with(const std::string& outputs) {
    return parse_rig("[rig]\nname = \"t\"\nbackend = \"gpiod\"\n" + outputs, "t.toml");
}

// An [[output]] for the lock button of `slot` on `line` of chip 0, with `extra` fields.
std::string output(int slot, int line, const std::string& extra) {
    return "[[output]]\nslot = " + std::to_string(slot) + "\nbutton = \"lock\"\nchip = \"0\"\n" +
           "line = " + std::to_string(line) + "\nmax_hold_ms = 5000\n" + extra + "\n";
}

TEST(RigFile, TakesEachSwitchKindsTypicalLatenciesWhenTheFileGivesNone) {
    const LoadResult<Rig> result =
        rig_with(output(1, 0, "kind = \"optocoupler\"") + output(2, 1, "kind = \"solid-state\""));
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.value->outputs[0].kind, SwitchKind::optocoupler);
    EXPECT_EQ(result.value->outputs[0].operate_latency, microseconds(20));
    EXPECT_EQ(result.value->outputs[0].release_latency, microseconds(20));
    EXPECT_EQ(result.value->outputs[1].kind, SwitchKind::solid_state);
    EXPECT_EQ(result.value->outputs[1].operate_latency, microseconds(500));
    EXPECT_EQ(result.value->outputs[1].release_latency, microseconds(200));
    EXPECT_FALSE(result.value->outputs[0].active_low);
}

TEST(RigFile, TakesLatenciesGivenInMicroseconds) {
    const LoadResult<Rig> result = rig_with(
        output(1, 0, "kind = \"relay\"\noperate_latency_us = 8000\nrelease_latency_us = 2500"));
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.value->outputs[0].operate_latency, milliseconds(8));
    EXPECT_EQ(result.value->outputs[0].release_latency, microseconds(2500));
}

TEST(RigFile, ListsEachSlotOnceInOrder) {
    const LoadResult<Rig> good =
        rig_with(output(3, 0, "kind = \"relay\"") + output(1, 1, "kind = \"relay\""));
    ASSERT_TRUE(good.ok());
    EXPECT_THAT(good.value->slots, ::testing::ElementsAre(1, 3));
}

TEST(RigFile, RequiresAtLeastOneOutput) {
    const LoadResult<Rig> result = rig_with("");
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(format(result.errors[0]),
              "t.toml:1:1: error: missing required field 'output' in the file");
}

TEST(RigFile, ReportsASyntaxErrorWithTheNameItWasGiven) {
    const LoadResult<Rig> result = parse_rig("[rig\n", "typed.toml");
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(result.errors[0].file, "typed.toml");
    EXPECT_EQ(result.errors[0].line, 1);
    EXPECT_FALSE(result.value.has_value());
}

TEST(RigFile, ReadsAnOutputsReadBackLine) {
    const LoadResult<Rig> result =
        rig_with(output(1, 0,
                        "kind = \"relay\"\nreadback_chip = \"1\"\nreadback_line = "
                        "7\nreadback_active_low = true") +
                 output(2, 1, "kind = \"relay\""));
    ASSERT_TRUE(result.ok());
    ASSERT_TRUE(result.value->outputs[0].readback.has_value());
    EXPECT_EQ(result.value->outputs[0].readback->chip, "1");
    EXPECT_EQ(result.value->outputs[0].readback->offset, 7u);
    EXPECT_TRUE(result.value->outputs[0].readback_active_low);
    EXPECT_FALSE(result.value->outputs[1].readback.has_value());
}

TEST(RigFile, AReadBackSettingWithoutAReadBackLineIsAnError) {
    const LoadResult<Rig> result =
        rig_with(output(1, 0, "kind = \"relay\"\nreadback_bias = \"pull-up\""));
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_THAT(format(result.errors[0]), ::testing::HasSubstr("readback_bias"));
    EXPECT_THAT(format(result.errors[0]), ::testing::HasSubstr("no read-back line"));
}

TEST(RigFile, ReadsTheBiasOfSenseAndReadBackInputsAsIsUnlessGiven) {
    const LoadResult<Rig> result =
        rig_with(output(1, 0,
                        "kind = \"relay\"\nreadback_chip = \"0\"\nreadback_line = "
                        "7\nreadback_bias = \"pull-down\"") +
                 output(2, 1, "kind = \"relay\"\nreadback_chip = \"0\"\nreadback_line = 6") +
                 "[[sense]]\nrole = \"lock\"\nchip = \"0\"\nline = 8\nbias = \"pull-up\"\n"
                 "[[sense]]\nrole = \"unlock\"\nchip = \"0\"\nline = 9\nbias = \"disabled\"\n"
                 "[[sense]]\nrole = \"ignition\"\nchip = \"0\"\nline = 10\n");
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.value->outputs[0].readback_bias, Bias::pull_down);
    EXPECT_EQ(result.value->outputs[1].readback_bias, Bias::as_is);
    EXPECT_EQ(result.value->senses[0].bias, Bias::pull_up);
    EXPECT_EQ(result.value->senses[1].bias, Bias::disabled);
    EXPECT_EQ(result.value->senses[2].bias, Bias::as_is);
}

TEST(RigFile, AnUnknownReadBackBiasIsNamedWithTheKnownOnes) {
    const LoadResult<Rig> result = rig_with(
        output(1, 0,
               "kind = \"relay\"\nreadback_chip = \"0\"\nreadback_line = 7\nreadback_bias = "
               "\"up\""));
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(format(result.errors[0]),
              "t.toml:13:17: error: unknown readback_bias 'up' in the output for slot 1 lock; "
              "expected one of: as-is, disabled, pull-up, pull-down");
}

TEST(RigFile, AReadBackChipWithoutItsLineIsAnErrorAtTheOutput) {
    const LoadResult<Rig> result =
        rig_with(output(1, 0, "kind = \"relay\"\nreadback_chip = \"1\""));
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_THAT(format(result.errors[0]),
                ::testing::HasSubstr("missing required field 'readback_line'"));
}

TEST(RigFile, AReadBackLineUsedTwiceIsReportedAtTheSecondUse) {
    const LoadResult<Rig> result =
        rig_with(output(1, 0, "kind = \"relay\"\nreadback_chip = \"0\"\nreadback_line = 5") +
                 output(2, 1, "kind = \"relay\"\nreadback_chip = \"0\"\nreadback_line = 5"));
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(format(result.errors[0]),
              "t.toml:13:1: error: line gpiochip0:5 is already used by slot 1 "
              "lock's read-back (line 4)");
}

TEST(RigFile, AReadBackLineOnAnOutputsLineIsAnError) {
    const LoadResult<Rig> result =
        rig_with(output(1, 0, "kind = \"relay\"") +
                 output(2, 1, "kind = \"relay\"\nreadback_chip = \"0\"\nreadback_line = 0"));
    ASSERT_EQ(result.errors.size(), 1u);
    EXPECT_EQ(format(result.errors[0]),
              "t.toml:11:1: error: line gpiochip0:0 is already used by slot 1 lock (line 4)");
}

} // namespace
} // namespace fobrig
