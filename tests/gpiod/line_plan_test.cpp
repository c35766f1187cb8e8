// Chip lookup by name, path, number and label, and the errors that name the rig's line.
#include "rig/gpiod/line_plan.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace fobrig {
namespace {

using ::testing::HasSubstr;

// A Raspberry Pi 5 as seen after its header chip moved from gpiochip4 to gpiochip0.
const std::vector<ChipInfo> pi5 = {
    {.path = "/dev/gpiochip0", .label = "pinctrl-rp1", .num_lines = 54},
    {.path = "/dev/gpiochip10", .label = "gpio-brcmstb@107d508500", .num_lines = 32},
    {.path = "/dev/gpiochip11", .label = "gpio-brcmstb@107d508500", .num_lines = 4},
};

TEST(ChipLookup, FindsAChipByPathNameNumberOrLabel) {
    EXPECT_EQ(resolve_chip("/dev/gpiochip10", pi5, "x"), "/dev/gpiochip10");
    EXPECT_EQ(resolve_chip("gpiochip10", pi5, "x"), "/dev/gpiochip10");
    EXPECT_EQ(resolve_chip("10", pi5, "x"), "/dev/gpiochip10");
    EXPECT_EQ(resolve_chip("pinctrl-rp1", pi5, "x"), "/dev/gpiochip0");
}

TEST(ChipLookup, AnUnknownChipNamesTheLineAndListsTheChips) {
    try {
        resolve_chip("gpiochip4", pi5, "slot 1 lock (chip 'gpiochip4' line 17)");
        FAIL() << "no error";
    } catch (const LineRequestError& e) {
        EXPECT_THAT(e.what(), HasSubstr("slot 1 lock (chip 'gpiochip4' line 17): no gpiochip is "
                                        "named or labelled 'gpiochip4'"));
        EXPECT_THAT(e.what(), HasSubstr("gpiochip0 'pinctrl-rp1'"));
    }
}

TEST(ChipLookup, ASharedLabelIsRefused) {
    EXPECT_THROW(
        {
            try {
                resolve_chip("gpio-brcmstb@107d508500", pi5, "x");
            } catch (const LineRequestError& e) {
                EXPECT_THAT(e.what(), HasSubstr("more than one chip is labelled"));
                throw;
            }
        },
        LineRequestError);
}

Rig rig_on(const std::string& chip, unsigned lock_line, unsigned sense_line) {
    Rig rig;
    rig.outputs = {{.slot = 1, .button = "lock", .line = {chip, lock_line}, .active_low = true},
                   {.slot = 1, .button = "unlock", .line = {"gpiochip10", 3}}};
    rig.senses = {{.role = "lock",
                   .line = {chip, sense_line},
                   .active_low = true,
                   .debounce = milliseconds(5)}};
    return rig;
}

TEST(LinePlan, GroupsLinesByChipInRigOrder) {
    const auto plans = plan_lines(rig_on("pinctrl-rp1", 17, 22), pi5);
    ASSERT_EQ(plans.size(), 2u);
    EXPECT_EQ(plans[0].path, "/dev/gpiochip0");
    ASSERT_EQ(plans[0].outputs.size(), 1u);
    EXPECT_EQ(plans[0].outputs[0].offset, 17u);
    EXPECT_TRUE(plans[0].outputs[0].active_low);
    ASSERT_EQ(plans[0].inputs.size(), 1u);
    EXPECT_EQ(plans[0].inputs[0].debounce, milliseconds(5));
    EXPECT_EQ(plans[1].path, "/dev/gpiochip10");
    EXPECT_EQ(plans[1].outputs[0].index, 1u);
}

TEST(LinePlan, PlansAReadBackLineAsAnUndebouncedInputNumberedAfterTheSenses) {
    Rig rig = rig_on("pinctrl-rp1", 17, 22);
    rig.outputs[1].readback = LineRef{"gpiochip10", 5};
    rig.outputs[1].readback_active_low = true;
    const auto plans = plan_lines(rig, pi5);
    ASSERT_EQ(plans.size(), 2u);
    ASSERT_EQ(plans[1].inputs.size(), 1u);
    EXPECT_EQ(plans[1].inputs[0].index, rig.readback_input(1));
    EXPECT_EQ(plans[1].inputs[0].offset, 5u);
    EXPECT_TRUE(plans[1].inputs[0].active_low);
    EXPECT_EQ(plans[1].inputs[0].debounce, Duration::zero());
    EXPECT_THAT(plans[1].inputs[0].who, HasSubstr("slot 1 unlock's read-back"));
}

TEST(LinePlan, PlansTheEnableLineAsAnOutputNumberedAfterTheOutputs) {
    Rig rig = rig_on("pinctrl-rp1", 17, 22);
    rig.enable = EnableOutput{.line = {"pinctrl-rp1", 23}, .active_low = true};
    const auto plans = plan_lines(rig, pi5);
    ASSERT_EQ(plans[0].outputs.size(), 2u);
    EXPECT_EQ(plans[0].outputs[1].index, rig.enable_channel());
    EXPECT_EQ(plans[0].outputs[1].offset, 23u);
    EXPECT_TRUE(plans[0].outputs[1].active_low);
    EXPECT_THAT(plans[0].outputs[1].who, HasSubstr("the enable line (chip 'pinctrl-rp1' line 23)"));
}

TEST(LinePlan, ALineTheChipDoesNotHaveIsNamed) {
    try {
        plan_lines(rig_on("pinctrl-rp1", 17, 60), pi5);
        FAIL() << "no error";
    } catch (const LineRequestError& e) {
        EXPECT_STREQ(e.what(), "sense input 'lock' (chip 'pinctrl-rp1' line 60): gpiochip0 "
                               "'pinctrl-rp1' has only 54 lines (0 to 53)");
    }
}

TEST(LinePlan, AChipThatCannotBeOpenedSaysWhy) {
    const std::vector<ChipInfo> chips = {
        {.path = "/dev/gpiochip0", .problem = "Permission denied"}};
    EXPECT_THROW(
        {
            try {
                plan_lines(rig_on("gpiochip0", 1, 2), chips);
            } catch (const LineRequestError& e) {
                EXPECT_THAT(e.what(), HasSubstr("cannot open /dev/gpiochip0: Permission denied"));
                throw;
            }
        },
        LineRequestError);
}

TEST(LinePlan, ABusyLineNamesItsHolder) {
    const PlannedLine line{.who = "slot 2 boot (chip 'pinctrl-rp1' line 5)"};
    EXPECT_STREQ(line_busy(line, "gpio-fan").what(),
                 "slot 2 boot (chip 'pinctrl-rp1' line 5): the line is in use by 'gpio-fan'");
}

TEST(ChipList, ListsChipsInNumberOrderAndKeepsTheOnesThatFailed) {
    const auto dir = std::filesystem::temp_directory_path() / "fobrig-chip-list-test";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    for (const char* name : {"gpiochip10", "gpiochip2", "gpiochip1", "ttyS0"}) {
        std::ofstream(dir / name).put('\n');
    }
    const auto chips = list_chips(
        [](const std::string& path) {
            if (path.ends_with("gpiochip2")) {
                throw std::runtime_error("Permission denied");
            }
            return ChipInfo{.path = path, .label = "L", .num_lines = 8};
        },
        dir.string());
    std::filesystem::remove_all(dir);
    ASSERT_EQ(chips.size(), 3u);
    EXPECT_THAT(chips[0].path, ::testing::EndsWith("gpiochip1"));
    EXPECT_THAT(chips[1].path, ::testing::EndsWith("gpiochip2"));
    EXPECT_EQ(chips[1].problem, "Permission denied");
    EXPECT_THAT(chips[2].path, ::testing::EndsWith("gpiochip10"));
}

} // namespace
} // namespace fobrig
