// The kernel's release policy read from fake sysfs trees laid out as Raspberry Pi OS kernels
// lay theirs out, and what the daemon's setting makes of each.
#include "rig/platform/gpio_release_policy.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <unistd.h>

namespace fobrig::platform {
namespace {

using ::testing::HasSubstr;

class FakeSysfs : public ::testing::Test {
protected:
    FakeSysfs() {
        std::random_device random;
        root_ = std::filesystem::temp_directory_path() /
                ("fobrig-sysfs-" + std::to_string(::getpid()) + "-" + std::to_string(random()));
        std::filesystem::create_directories(root_);
    }
    ~FakeSysfs() override { std::filesystem::remove_all(root_); }

    void write(const std::string& relative, const std::string& text) {
        const auto path = root_ / relative;
        std::filesystem::create_directories(path.parent_path());
        std::ofstream(path) << text;
    }
    void parameter(const std::string& module, const std::string& name, const std::string& value) {
        write("module/" + module + "/parameters/" + name, value + "\n");
    }

    std::filesystem::path root_;
};

TEST_F(FakeSysfs, APi4OnRaspberryPiOsDefaultsKeepsOutputsDrivenAndSaysHowToSwitch) {
    write("firmware/devicetree/base/model", std::string("Raspberry Pi 4 Model B Rev 1.5\0", 31));
    parameter("pinctrl_bcm2835", "persist_gpio_outputs", "Y");
    const auto found = read_gpio_release_policy(root_);
    EXPECT_EQ(found.policy, ReleasePolicy::kept_driven);
    EXPECT_EQ(found.where, (root_ / "module/pinctrl_bcm2835/parameters/persist_gpio_outputs"));
    EXPECT_THAT(found.detail, HasSubstr("pinctrl-bcm2835"));
    EXPECT_THAT(found.fix, HasSubstr("dtparam=strict_gpiod"));
    EXPECT_THAT(found.fix, HasSubstr("pinctrl_bcm2835.persist_gpio_outputs=n"));
}

TEST_F(FakeSysfs, APi5WithPersistenceOffReturnsOutputsToInputs) {
    parameter("pinctrl_rp1", "persist_gpio_outputs", "N");
    const auto found = read_gpio_release_policy(root_);
    EXPECT_EQ(found.policy, ReleasePolicy::returned_to_input);
    EXPECT_THAT(found.where, HasSubstr("pinctrl_rp1/parameters/persist_gpio_outputs"));
    EXPECT_TRUE(found.fix.empty());
}

TEST_F(FakeSysfs, TheEarlierStrictGpiodParameterReadsTheOtherWayRound) {
    parameter("pinctrl_rp1", "strict_gpiod", "N");
    EXPECT_EQ(read_gpio_release_policy(root_).policy, ReleasePolicy::kept_driven);
    parameter("pinctrl_rp1", "strict_gpiod", "Y");
    EXPECT_EQ(read_gpio_release_policy(root_).policy, ReleasePolicy::returned_to_input);
}

TEST_F(FakeSysfs, OneDriverKeepingItsOutputsDecidesAndNamesItsOwnFix) {
    parameter("pinctrl_bcm2835", "persist_gpio_outputs", "N");
    parameter("pinctrl_rp1", "persist_gpio_outputs", "Y");
    const auto found = read_gpio_release_policy(root_);
    EXPECT_EQ(found.policy, ReleasePolicy::kept_driven);
    EXPECT_THAT(found.fix, HasSubstr("pinctrl_rp1.persist_gpio_outputs=n"));
}

TEST_F(FakeSysfs, ARaspberryPiKernelNamingNoPolicyIsUnknownAndRefusedByDefault) {
    write("firmware/devicetree/base/model", "Raspberry Pi 3 Model B Plus Rev 1.3");
    const auto found = read_gpio_release_policy(root_);
    EXPECT_EQ(found.policy, ReleasePolicy::unknown);
    EXPECT_TRUE(release_policy_refusal(found, true));
    EXPECT_FALSE(release_policy_refusal(found, false));
}

TEST_F(FakeSysfs, AnotherMachineHasTheMainlineBehaviour) {
    write("firmware/devicetree/base/model", "QEMU arm64 virt");
    EXPECT_EQ(read_gpio_release_policy(root_).policy, ReleasePolicy::returned_to_input);
    EXPECT_EQ(read_gpio_release_policy(root_ / "absent").policy, ReleasePolicy::returned_to_input);
}

TEST_F(FakeSysfs, AnUnreadableValueIsNotTakenForEither) {
    write("firmware/devicetree/base/model", "Raspberry Pi 5 Model B Rev 1.0");
    parameter("pinctrl_rp1", "persist_gpio_outputs", "maybe");
    EXPECT_EQ(read_gpio_release_policy(root_).policy, ReleasePolicy::unknown);
}

TEST_F(FakeSysfs, RefusingNamesTheFixAndTheSettingThatRunsAnyway) {
    parameter("pinctrl_bcm2835", "persist_gpio_outputs", "Y");
    const auto refusal = release_policy_refusal(read_gpio_release_policy(root_), true);
    ASSERT_TRUE(refusal);
    EXPECT_THAT(*refusal, HasSubstr("dtparam=strict_gpiod"));
    EXPECT_THAT(*refusal, HasSubstr("kept_driven_outputs = \"warn\""));
    parameter("pinctrl_bcm2835", "persist_gpio_outputs", "N");
    EXPECT_FALSE(release_policy_refusal(read_gpio_release_policy(root_), true));
}

} // namespace
} // namespace fobrig::platform
