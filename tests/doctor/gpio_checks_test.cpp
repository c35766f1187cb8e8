// Chips and rig lines as the doctor judges them: fake chips (as list_chips describes them),
// fake device files for their modes, and a fake kernel answer for who holds each line.
#include "rig/config/rig_file.hpp"
#include "rig/doctor/gpio_checks.hpp"
#include "tests/doctor/fake_tree.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <stdexcept>
#include <sys/stat.h>

namespace fobrig {
namespace {

using testing::FakeTree;
using ::testing::HasSubstr;

Rig shipped_rig(const std::string& name) {
    auto rig = load_rig_file(FOBRIG_CONFIG_DIR "/rigs/" + name + ".toml");
    EXPECT_TRUE(rig.ok()) << name;
    return *rig.value;
}

// A user who is not the owner, in the group of files this test made (their gid) or not.
UserFacts pi(bool in_files_group) {
    UserFacts user{.uid = 4242, .name = "pi", .gids = {4242}, .groups = {"pi"}};
    if (in_files_group) {
        user.gids.push_back(::getegid());
        user.groups.push_back("files-group");
    }
    return user;
}

class Chips : public ::testing::Test {
protected:
    ChipInfo chip(const std::string& name, const std::string& label, mode_t mode) {
        const auto path = tree_.write("dev/" + name, "");
        ::chmod(path.c_str(), mode);
        return {.path = path.string(), .label = label, .num_lines = 58};
    }
    // The group the test's files have, which stands for gpio.
    std::string files_group() const { return file_facts(tree_.root()).group; }

    FakeTree tree_;
};

TEST_F(Chips, NoChipAtAllIsAWarningThatSaysSoAndNothingElse) {
    const auto checks = chip_checks({}, pi(true));
    ASSERT_EQ(checks.size(), 1U);
    EXPECT_EQ(checks[0].check, "gpiochips");
    EXPECT_EQ(checks[0].status, CheckStatus::warning);
    EXPECT_THAT(checks[0].found, HasSubstr("there is no /dev/gpiochip* at all"));
}

TEST_F(Chips, EachChipWithItsLabelAndLinesIsOkWhenBothFobrigdAndTheUserMayOpenIt) {
    const auto checks = chip_checks({chip("gpiochip0", "pinctrl-bcm2711", 0660),
                                     chip("gpiochip1", "raspberrypi-exp-gpio", 0660)},
                                    pi(true), files_group());
    ASSERT_EQ(checks.size(), 2U);
    EXPECT_EQ(checks[0].check, "gpiochip0");
    EXPECT_EQ(checks[0].status, CheckStatus::ok) << checks[0].found;
    EXPECT_THAT(checks[0].found, HasSubstr("'pinctrl-bcm2711', 58 lines ("));
    EXPECT_THAT(checks[0].found, HasSubstr(":" + files_group() + " rw-rw----)"));
    EXPECT_EQ(checks[1].check, "gpiochip1");
}

TEST_F(Chips, AChipOutsideTheGpioGroupIsAWarningNamingTheUdevRule) {
    const auto checks =
        chip_checks({chip("gpiochip0", "pinctrl-bcm2711", 0600)}, pi(true), files_group());
    EXPECT_EQ(checks[0].status, CheckStatus::warning);
    EXPECT_THAT(checks[0].found, HasSubstr("fobrigd (group " + files_group() + ") cannot open"));
    EXPECT_THAT(checks[0].fix, HasSubstr("udevadm trigger --subsystem-match=gpio"));
    EXPECT_EQ(chip_checks({chip("gpiochip1", "x", 0660)}, pi(true), "gpio")[0].status,
              CheckStatus::warning);
}

TEST_F(Chips, AChipTheUserMayNotOpenIsAWarningAboutWiringCheck) {
    const auto checks =
        chip_checks({chip("gpiochip0", "pinctrl-bcm2711", 0660)}, pi(false), files_group());
    EXPECT_EQ(checks[0].status, CheckStatus::warning);
    EXPECT_THAT(checks[0].found, HasSubstr("pi cannot open it"));
    EXPECT_EQ(checks[0].fix,
              "sudo usermod -aG " + files_group() + " pi, then log out and in again");
}

TEST_F(Chips, AChipThatCannotBeOpenedSaysWhy) {
    ChipInfo broken = chip("gpiochip0", "", 0600);
    broken.problem = "Permission denied";
    const auto checks = chip_checks({broken}, pi(false), files_group());
    EXPECT_EQ(checks[0].status, CheckStatus::warning);
    EXPECT_THAT(checks[0].found, HasSubstr("cannot open"));
    EXPECT_THAT(checks[0].found, HasSubstr("Permission denied"));
}

TEST(RigLines, ASimulatedRigHasNoLinesToCheck) {
    const auto checks = rig_line_checks(shipped_rig("sim-2"), {}, {}, false);
    ASSERT_EQ(checks.size(), 1U);
    EXPECT_EQ(checks[0].status, CheckStatus::ok);
    EXPECT_EQ(checks[0].found, "simulated rig: no GPIO lines to check");
}

class PiRig : public ::testing::Test {
protected:
    LineUseQuery kernel() const {
        return [this](const std::string& path, unsigned offset) {
            if (path != "/dev/gpiochip0") {
                throw std::runtime_error("asked about " + path);
            }
            const auto held = holders_.find(offset);
            return held == holders_.end() ? LineUse{} : LineUse{true, held->second};
        };
    }
    std::vector<DoctorCheck> checks(bool daemon_answers) const {
        return rig_line_checks(rig_, chips_, kernel(), daemon_answers);
    }
    // A copy: `all` is often a temporary.
    DoctorCheck line(const std::vector<DoctorCheck>& all, const std::string& name) const {
        const auto found = std::ranges::find(all, "line " + name, &DoctorCheck::check);
        EXPECT_NE(found, all.end()) << name;
        return found == all.end() ? DoctorCheck{} : *found;
    }

    Rig rig_ = shipped_rig("pi4-2fob-relay");
    std::vector<ChipInfo> chips_{
        {.path = "/dev/gpiochip0", .label = "pinctrl-bcm2711", .num_lines = 58},
        {.path = "/dev/gpiochip1", .label = "raspberrypi-exp-gpio", .num_lines = 8}};
    std::map<unsigned, std::string> holders_;
};

TEST_F(PiRig, EveryLineOnItsChipAndFreeIsOk) {
    const auto all = checks(false);
    EXPECT_EQ(all.size(), rig_.outputs.size() + rig_.senses.size());
    for (const DoctorCheck& check : all) {
        EXPECT_EQ(check.status, CheckStatus::ok) << check.check << ": " << check.found;
        EXPECT_THAT(check.found, HasSubstr("gpiochip0 'pinctrl-bcm2711' line "));
    }
    EXPECT_EQ(line(all, "slot 1 lock").found, "gpiochip0 'pinctrl-bcm2711' line 4, free");
    EXPECT_EQ(line(all, "sense input 'lock'").status, CheckStatus::ok);
}

TEST_F(PiRig, ALineAnotherProgramOrDriverHoldsIsAnErrorNamingIt) {
    holders_[4] = "spi0 CS1";
    const DoctorCheck check = line(checks(false), "slot 1 lock");
    EXPECT_EQ(check.status, CheckStatus::error);
    EXPECT_EQ(check.found, "gpiochip0 'pinctrl-bcm2711' line 4 is used by 'spi0 CS1'");
    EXPECT_THAT(check.fix, HasSubstr("config.txt"));
}

TEST_F(PiRig, ALineHeldByFobrigIsTheRunningDaemonsOnlyWhenItAnswers) {
    holders_[5] = "fobrig";
    const DoctorCheck running = line(checks(true), "slot 1 unlock");
    EXPECT_EQ(running.status, CheckStatus::warning);
    EXPECT_THAT(running.found, HasSubstr("held by the running fobrigd"));
    EXPECT_THAT(running.fix, HasSubstr("sudo systemctl stop fobrigd"));
    const DoctorCheck stray = line(checks(false), "slot 1 unlock");
    EXPECT_EQ(stray.status, CheckStatus::error);
    EXPECT_EQ(stray.found, "gpiochip0 'pinctrl-bcm2711' line 5 is used by 'fobrig'");
}

TEST_F(PiRig, AChipThatIsNotThereOrALineItLacksIsAnError) {
    chips_[0].label = "pinctrl-rp1"; // a Pi 5
    const DoctorCheck missing = line(checks(false), "slot 1 lock");
    EXPECT_EQ(missing.status, CheckStatus::error);
    EXPECT_THAT(missing.found, HasSubstr("no gpiochip is named or labelled 'pinctrl-bcm2711'"));
    EXPECT_THAT(missing.found, HasSubstr("gpiochip0 'pinctrl-rp1'"));
    EXPECT_THAT(missing.fix, HasSubstr("label"));

    chips_[0].label = "pinctrl-bcm2711";
    chips_[0].num_lines = 5;
    const auto all = checks(false);
    EXPECT_EQ(line(all, "slot 1 lock").status, CheckStatus::ok);
    EXPECT_EQ(line(all, "slot 2 lock").status, CheckStatus::error);
    EXPECT_THAT(line(all, "slot 2 lock").found, HasSubstr("has only 5 lines (0 to 4)"));
}

TEST_F(PiRig, AKernelThatCannotAnswerForALineIsAnError) {
    chips_[0].path = "/dev/gpiochip9";
    const DoctorCheck check = line(checks(false), "slot 1 lock");
    EXPECT_EQ(check.status, CheckStatus::error);
    EXPECT_THAT(check.found, HasSubstr("asked about /dev/gpiochip9"));
}

} // namespace
} // namespace fobrig
