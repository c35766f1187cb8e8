// A rig file's [enable] table: the hardware interlock's line, its wave and the board's hold, and
// every mistake in it reported at its field before anything is driven.
#include "rig/config/rig_file.hpp"

#include "tests/support/errors_of.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace fobrig {
namespace {

using ::testing::ElementsAre;
using testing::errors_of;

// A lock output on chip 0 line 0 (file lines 4 to 10), a lock sense on line 8 (11 to 15), then
// [enable] at line 16 with `enable` from line 17.
LoadResult<Rig> rig_with_enable(const std::string& enable) {
    return parse_rig("[rig]\nname = \"t\"\nbackend = \"gpiod\"\n"
                     "[[output]]\nslot = 1\nbutton = \"lock\"\nchip = \"0\"\nline = 0\n"
                     "max_hold_ms = 5000\nkind = \"relay\"\n"
                     "[[sense]]\nrole = \"lock\"\nchip = \"0\"\nline = 8\nactive_low = true\n"
                     "[enable]\n" +
                         enable,
                     "t.toml");
}

TEST(RigEnable, ARigWithoutEnableHasNoInterlock) {
    const LoadResult<Rig> result = parse_rig(
        "[rig]\nname = \"t\"\nbackend = \"sim\"\n[[output]]\nslot = 1\n"
        "button = \"lock\"\nchip = \"0\"\nline = 0\nmax_hold_ms = 5000\nkind = \"relay\"\n",
        "t.toml");
    ASSERT_TRUE(result.ok());
    EXPECT_FALSE(result.value->enable.has_value());
    EXPECT_EQ(result.value->output_lines(), 1u);
}

TEST(RigEnable, DefaultsToAHundredHertzAndTwoAndAHalfPeriodsOfHold) {
    const LoadResult<Rig> result = rig_with_enable("chip = \"0\"\nline = 12\n");
    ASSERT_TRUE(result.ok()) << errors_of(result).front();
    const EnableOutput& enable = *result.value->enable;
    EXPECT_EQ(enable.line.chip, "0");
    EXPECT_EQ(enable.line.offset, 12u);
    EXPECT_FALSE(enable.active_low);
    EXPECT_EQ(enable.period, milliseconds(10));
    EXPECT_EQ(enable.hold, milliseconds(25));
    EXPECT_EQ(enable.pos.line, 16);
    // Driven as the channel after the outputs.
    EXPECT_EQ(result.value->enable_channel(), 1u);
    EXPECT_EQ(result.value->output_lines(), 2u);
}

TEST(RigEnable, ReadsTheFrequencyPolarityAndHoldGiven) {
    const LoadResult<Rig> result = rig_with_enable(
        "chip = \"0\"\nline = 12\nactive_low = true\nfrequency_hz = 250\nhold_ms = 9\n");
    ASSERT_TRUE(result.ok()) << errors_of(result).front();
    EXPECT_TRUE(result.value->enable->active_low);
    EXPECT_EQ(result.value->enable->period, milliseconds(4));
    EXPECT_EQ(result.value->enable->hold, milliseconds(9));
}

TEST(RigEnable, AFrequencyOutsideItsRangeIsAnErrorAtItsField) {
    EXPECT_THAT(errors_of(rig_with_enable("chip = \"0\"\nline = 12\nfrequency_hz = 5\n")),
                ElementsAre("t.toml:19:16: error: 'frequency_hz' in [enable] is 5; it must be "
                            "between 20 and 500"));
    EXPECT_THAT(errors_of(rig_with_enable("chip = \"0\"\nline = 12\nfrequency_hz = 2000\n")),
                ElementsAre(::testing::HasSubstr("it must be between 20 and 500")));
}

TEST(RigEnable, AHoldShorterThanTwoPeriodsWouldDropTheBoardBetweenToggles) {
    EXPECT_THAT(errors_of(rig_with_enable("chip = \"0\"\nline = 12\nhold_ms = 15\n")),
                ElementsAre("t.toml:19:11: error: 'hold_ms' in [enable] is 15 ms, shorter than "
                            "two periods of the wave (20 ms at 100 Hz): one late toggle would "
                            "drop the relay board"));
}

TEST(RigEnable, AHoldLongerThanAnInterlockShouldKeepTheBoardIsAnError) {
    EXPECT_THAT(errors_of(rig_with_enable("chip = \"0\"\nline = 12\nhold_ms = 500\n")),
                ElementsAre(::testing::HasSubstr("'hold_ms' in [enable] is 500, too long for an "
                                                 "interlock to drop a frozen rig: at most 100")));
}

TEST(RigEnable, TheEnableLineOnAnOutputsLineIsRefused) {
    EXPECT_THAT(errors_of(rig_with_enable("chip = \"gpiochip0\"\nline = 0\n")),
                ElementsAre("t.toml:16:1: error: line gpiochip0:0 is already used by slot 1 "
                            "lock (line 4)"));
}

TEST(RigEnable, TheEnableLineOnASenseInputsLineIsRefused) {
    EXPECT_THAT(errors_of(rig_with_enable("chip = \"/dev/gpiochip0\"\nline = 8\n")),
                ElementsAre("t.toml:16:1: error: line gpiochip0:8 is already used by sense "
                            "input 'lock' (line 11)"));
}

TEST(RigEnable, AMissingLineAndAnUnknownFieldAreErrors) {
    EXPECT_THAT(errors_of(rig_with_enable("chip = \"0\"\nfrequency = 100\n")),
                ElementsAre(::testing::HasSubstr("missing required field 'line' in [enable]"),
                            ::testing::HasSubstr("unknown field 'frequency' in [enable]")));
}

} // namespace
} // namespace fobrig
