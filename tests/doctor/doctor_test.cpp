// Every check together on a fake machine (sysfs, /dev, the unit) with a real config, rig and
// state folder; and how the findings are printed.
#include "rig/doctor/doctor.hpp"
#include "tests/doctor/fake_tree.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace fobrig {
namespace {

using testing::FakeTree;
using ::testing::HasSubstr;

class FakePi : public ::testing::Test {
protected:
    FakePi() {
        tree_.write("sys/devices/system/clocksource/clocksource0/current_clocksource",
                    "arch_sys_counter\n");
        tree_.write("sys/firmware/devicetree/base/model", "Raspberry Pi 4 Model B Rev 1.5");
        tree_.write("sys/module/pinctrl_bcm2835/parameters/persist_gpio_outputs", "Y\n");
        tree_.install_shipped_unit();
        std::filesystem::create_directories(tree_.root() / "dev");
        std::filesystem::create_directories(tree_.root() / "state");
    }

    std::vector<DoctorCheck> doctor(const std::string& daemon_section) {
        const auto config =
            tree_.write("etc/fobrig/fobrig.toml", "[daemon]\n" + daemon_section + "\nsocket = \"" +
                                                      (tree_.root() / "fobrig.sock").string() +
                                                      "\"\nstate_dir = \"" +
                                                      (tree_.root() / "state").string() + "\"\n");
        return run_doctor(
            {.config_file = config, .rigs_dir = FOBRIG_CONFIG_DIR "/rigs", .root = tree_.root()});
    }
    // A copy: `checks` is often a temporary.
    static DoctorCheck find(const std::vector<DoctorCheck>& checks, const std::string& name) {
        const auto found = std::ranges::find(checks, name, &DoctorCheck::check);
        EXPECT_NE(found, checks.end()) << name;
        return found == checks.end() ? DoctorCheck{} : *found;
    }

    FakeTree tree_;
};

TEST_F(FakePi, ASimulatedRigOnAMachineWithoutChipsHasWarningsButNoError) {
    const auto checks = doctor("rig = \"sim-2\"");
    std::vector<std::string> names;
    for (const DoctorCheck& check : checks) {
        names.push_back(check.check);
    }
    EXPECT_THAT(names, ::testing::ElementsAre("kernel", "libgpiod", "gpiochips", "config", "rig",
                                              "lines", "GPIO release policy", "service unit",
                                              "real-time limit", "groups", "socket", "state folder",
                                              "state space", "clock source"));
    EXPECT_FALSE(any_error(checks)) << doctor_text(checks);
    EXPECT_EQ(find(checks, "gpiochips").status, CheckStatus::warning);
    EXPECT_EQ(find(checks, "lines").found, "simulated rig: no GPIO lines to check");
    EXPECT_EQ(find(checks, "GPIO release policy").status, CheckStatus::warning);
    EXPECT_EQ(find(checks, "service unit").status, CheckStatus::ok);
    EXPECT_EQ(find(checks, "socket").status, CheckStatus::warning);
    EXPECT_EQ(find(checks, "state folder").status, CheckStatus::ok);
    EXPECT_EQ(find(checks, "clock source").found, "arch_sys_counter");
}

TEST_F(FakePi, APiRigWithoutItsChipAndWithOutputsKeptDrivenIsAnError) {
    const auto checks = doctor("rig = \"pi4-2fob-relay\"");
    EXPECT_TRUE(any_error(checks));
    const DoctorCheck lock = find(checks, "line slot 1 lock");
    EXPECT_EQ(lock.status, CheckStatus::error);
    EXPECT_THAT(lock.found, HasSubstr("there is no /dev/gpiochip* at all"));
    EXPECT_EQ(find(checks, "GPIO release policy").status, CheckStatus::error);
}

TEST_F(FakePi, NoRigConfiguredIsAnErrorSayingWhereToNameOne) {
    const DoctorCheck rig = find(doctor(""), "rig");
    EXPECT_EQ(rig.status, CheckStatus::error);
    EXPECT_EQ(rig.found, "no rig configured: fobrigd refuses every run");
    EXPECT_THAT(rig.fix, HasSubstr("set `rig = ...` in " +
                                   (tree_.root() / "etc/fobrig/fobrig.toml").string()));
}

TEST_F(FakePi, AnInvalidConfigNamesFileLineAndField) {
    const DoctorCheck config = find(doctor("rig = 3"), "config");
    EXPECT_EQ(config.status, CheckStatus::error);
    EXPECT_THAT(config.found, HasSubstr("fobrig.toml:2:"));
    EXPECT_THAT(config.found, HasSubstr("rig"));
}

TEST(DoctorOutput, EachCheckOnALineWithItsFixBelowIt) {
    const std::vector<DoctorCheck> checks{{.check = "kernel", .found = "Linux 6.6.31 aarch64"},
                                          {.check = "socket",
                                           .status = CheckStatus::warning,
                                           .found = "no socket at /run/fobrig/fobrig.sock",
                                           .fix = "sudo systemctl start fobrigd"}};
    EXPECT_EQ(doctor_text(checks), "ok       kernel: Linux 6.6.31 aarch64\n"
                                   "warning  socket: no socket at /run/fobrig/fobrig.sock\n"
                                   "         fix: sudo systemctl start fobrigd\n");
    EXPECT_FALSE(any_error(checks));
}

TEST(DoctorOutput, JsonIsOneArrayOfChecks) {
    const std::vector<DoctorCheck> checks{
        {.check = "rig", .status = CheckStatus::error, .found = "no rig", .fix = "name one"}};
    EXPECT_EQ(doctor_json(checks),
              nlohmann::json::parse(
                  R"([{"check":"rig","status":"error","found":"no rig","fix":"name one"}])"));
    EXPECT_TRUE(any_error(checks));
}

} // namespace
} // namespace fobrig
