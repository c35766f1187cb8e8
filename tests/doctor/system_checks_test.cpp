// The machine's own checks on fake sysfs trees and folder facts: each status and its fix.
#include "rig/doctor/system_checks.hpp"
#include "tests/doctor/fake_tree.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sys/stat.h>

namespace fobrig {
namespace {

using testing::FakeTree;
using ::testing::HasSubstr;

TEST(KernelCheck, ANewEnoughKernelIsOkAndSaysWhetherItIsRealTime) {
    const DoctorCheck check =
        kernel_check("6.6.31+rpt-rpi-v8", "aarch64", "#1 SMP PREEMPT_RT Debian", 1);
    EXPECT_EQ(check.status, CheckStatus::ok);
    EXPECT_EQ(check.found, "Linux 6.6.31+rpt-rpi-v8 aarch64, PREEMPT_RT");
    EXPECT_EQ(kernel_check("6.1.0-28-amd64", "x86_64", "#1 SMP PREEMPT_DYNAMIC", 2).found,
              "Linux 6.1.0-28-amd64 x86_64");
}

TEST(KernelCheck, AKernelOlderThanTheLibgpiodApiNeedsIsAnError) {
    const DoctorCheck v2 = kernel_check("5.4.83-v7l+", "armv7l", "#1 SMP", 2);
    EXPECT_EQ(v2.status, CheckStatus::error);
    EXPECT_THAT(v2.found, HasSubstr("needs 5.10 or later"));
    EXPECT_THAT(v2.fix, HasSubstr("apt full-upgrade"));
    EXPECT_EQ(kernel_check("5.4.83-v7l+", "armv7l", "#1 SMP", 1).status, CheckStatus::ok);
    EXPECT_EQ(kernel_check("4.4.0", "armv7l", "#1", 1).status, CheckStatus::error);
}

class ClockSource : public ::testing::Test {
protected:
    void current(const std::string& name) {
        tree_.write(folder_ + "current_clocksource", name + "\n");
        tree_.write(folder_ + "available_clocksource", "jiffies tsc hpet\n");
    }
    DoctorCheck check() const { return clock_source_check(tree_.root()); }

    FakeTree tree_;
    const std::string folder_ = "devices/system/clocksource/clocksource0/";
};

TEST_F(ClockSource, AHardwareCounterIsOk) {
    current("arch_sys_counter");
    EXPECT_EQ(check().status, CheckStatus::ok);
    EXPECT_EQ(check().found, "arch_sys_counter");
}

TEST_F(ClockSource, JiffiesIsAWarningNamingTheAlternatives) {
    current("jiffies");
    EXPECT_EQ(check().status, CheckStatus::warning);
    EXPECT_THAT(check().found, HasSubstr("scheduler ticks"));
    EXPECT_THAT(check().fix, HasSubstr("available: jiffies tsc hpet"));
    current("refined-jiffies");
    EXPECT_EQ(check().status, CheckStatus::warning);
}

TEST_F(ClockSource, AnUnreadableClockSourceIsAWarning) {
    EXPECT_EQ(check().status, CheckStatus::warning);
    EXPECT_THAT(check().found, HasSubstr("cannot read"));
}

platform::GpioReleasePolicy kept_driven() {
    return {.policy = platform::ReleasePolicy::kept_driven,
            .where = "/sys/module/pinctrl_bcm2835/parameters/persist_gpio_outputs",
            .detail = "Raspberry Pi 1-4 keeps a freed output driven",
            .fix = "add the line dtparam=strict_gpiod to /boot/firmware/config.txt"};
}

TEST(ReleasePolicyCheck, KeptDrivenOutputsAreAnErrorWhileFobrigdRefusesRunsOnLines) {
    const DoctorCheck check = release_policy_check(kept_driven(), true, true);
    EXPECT_EQ(check.status, CheckStatus::error);
    EXPECT_THAT(check.found, HasSubstr("kept-driven"));
    EXPECT_THAT(check.found, HasSubstr("persist_gpio_outputs"));
    EXPECT_THAT(check.fix, HasSubstr("dtparam=strict_gpiod"));
    EXPECT_THAT(check.fix, HasSubstr("docs/wiring.md"));
}

TEST(ReleasePolicyCheck, KeptDrivenOutputsAreAWarningWhenRunsGoAhead) {
    EXPECT_EQ(release_policy_check(kept_driven(), false, true).status, CheckStatus::warning);
    // A simulated rig is never refused for it.
    EXPECT_EQ(release_policy_check(kept_driven(), true, false).status, CheckStatus::warning);
    platform::GpioReleasePolicy unknown = kept_driven();
    unknown.policy = platform::ReleasePolicy::unknown;
    EXPECT_EQ(release_policy_check(unknown, true, true).status, CheckStatus::error);
}

TEST(ReleasePolicyCheck, TheMainlineBehaviourReadFromAFakeSysfsIsOk) {
    FakeTree tree;
    tree.write("module/pinctrl_rp1/parameters/persist_gpio_outputs", "N\n");
    const DoctorCheck check =
        release_policy_check(platform::read_gpio_release_policy(tree.root()), true, true);
    EXPECT_EQ(check.status, CheckStatus::ok);
    EXPECT_THAT(check.found, HasSubstr("returned-to-input"));
    EXPECT_TRUE(check.fix.empty());
}

TEST(StateFolder, AMissingFolderIsAWarningAndItsSpaceIsItsParentsOne) {
    FakeTree tree;
    const auto folder = tree.root() / "var/lib/fobrig";
    const FolderFacts facts = read_folder(folder);
    EXPECT_FALSE(facts.exists);
    EXPECT_GT(facts.available_bytes, 0U);
    const DoctorCheck check = state_folder_check(folder, facts, "fobrig");
    EXPECT_EQ(check.status, CheckStatus::warning);
    EXPECT_THAT(check.fix, HasSubstr("StateDirectory="));
}

TEST(StateFolder, AWritableFolderIsOkAndAFileIsAnError) {
    FakeTree tree;
    const FolderFacts folder = read_folder(tree.root());
    EXPECT_TRUE(folder.writable);
    EXPECT_EQ(state_folder_check(tree.root(), folder, "fobrig").status, CheckStatus::ok);
    const auto file = tree.write("state", "not a folder");
    EXPECT_EQ(state_folder_check(file, read_folder(file), "fobrig").status, CheckStatus::error);
}

TEST(StateFolder, AFolderOnlyTheServicesUserWritesIsOkAndOneNobodyWritesIsAnError) {
    const FolderFacts theirs{.exists = true, .is_directory = true, .owner = "fobrig"};
    EXPECT_EQ(state_folder_check("/var/lib/fobrig", theirs, "fobrig").status, CheckStatus::ok);
    const FolderFacts roots{.exists = true, .is_directory = true, .owner = "root"};
    const DoctorCheck check = state_folder_check("/var/lib/fobrig", roots, "fobrig");
    EXPECT_EQ(check.status, CheckStatus::error);
    EXPECT_EQ(check.fix, "sudo chown -R fobrig: /var/lib/fobrig");
}

TEST(StateSpace, WarnsBelow100MiBAndFailsBelow1MiB) {
    const auto with = [](std::uintmax_t bytes) {
        return state_space_check("/var/lib/fobrig", {.available_bytes = bytes});
    };
    EXPECT_EQ(with(low_space_bytes).status, CheckStatus::ok);
    EXPECT_EQ(with(low_space_bytes).found, "100 MiB free for /var/lib/fobrig");
    EXPECT_EQ(with(low_space_bytes - 1).status, CheckStatus::warning);
    EXPECT_THAT(with(low_space_bytes - 1).fix, HasSubstr("/var/lib/fobrig/runs"));
    EXPECT_EQ(with(full_space_bytes).status, CheckStatus::warning);
    EXPECT_EQ(with(full_space_bytes - 1).status, CheckStatus::error);
    EXPECT_EQ(with(0).status, CheckStatus::error);
}

} // namespace
} // namespace fobrig
