// After fobrigd dies mid-press, the systemd unit's ExecStopPost= command (read from the unit
// file itself) leaves every output line inactive; a kernel that keeps freed outputs driven
// makes fobrigd refuse runs. On gpio-sim's lines (scripts/test-kernel-gpio).
#include "tests/kernel/kernel_fixture.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

namespace fobrig {
namespace {

using testing::Child;
using testing::gpiod_rig;
using testing::GpioSimChip;
using ::testing::HasSubstr;
using testing::ScratchFolder;
using json = nlohmann::json;
using namespace std::chrono_literals;

constexpr unsigned output_lines = 6; // sim-2: lock, unlock, boot of two slots, active-low

// The unit's ExecStopPost= command, with the installed paths replaced by the built program
// and `config`.
std::vector<std::string> exec_stop_post(const std::filesystem::path& config) {
    std::ifstream unit(FOBRIG_UNIT_FILE);
    std::string line;
    while (std::getline(unit, line)) {
        const std::string key = "ExecStopPost=";
        if (line.rfind(key, 0) != 0) {
            continue;
        }
        std::istringstream words(line.substr(key.size()));
        std::vector<std::string> args;
        for (std::string word; words >> word;) {
            if (args.empty() && std::filesystem::path(word).filename() == "fobrig") {
                word = FOBRIG_BINARY;
            } else if (word == "/etc/fobrig/fobrig.toml") {
                word = config.string();
            }
            args.push_back(word);
        }
        return args;
    }
    ADD_FAILURE() << FOBRIG_UNIT_FILE << " has no ExecStopPost=";
    return {"/bin/false"};
}

// Waits until some output line reads active (low): a contact is closed.
bool a_contact_closes(const GpioSimChip& chip, std::chrono::seconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        for (unsigned line = 0; line < output_lines; ++line) {
            if (chip.value(line) == 0) {
                return true;
            }
        }
        std::this_thread::sleep_for(1ms);
    }
    return false;
}

// The two-fob rig on a fresh gpio-sim chip, where gpio-sim exists.
class KernelSafeState : public ::testing::Test {
protected:
    void SetUp() override {
        if (const auto reason = testing::gpio_sim_skip_reason()) {
            GTEST_SKIP() << *reason;
        }
        chip.emplace("fobrig-sim", 16);
        rig = gpiod_rig(folder);
    }

    std::optional<GpioSimChip> chip;
    ScratchFolder folder;
    std::filesystem::path rig;
    std::filesystem::path socket = folder.path / "fobrig.sock";
};

TEST_F(KernelSafeState, AfterKillNineMidPressTheUnitsExecStopPostLeavesEveryOutputInactive) {
    Child car({FOBRIG_SIMCAR_BINARY, "--rig", rig.string(), "--socket", socket.string()});
    ASSERT_EQ(car.line(), "ready");

    testing::DaemonProcess daemon(folder, rig, false, testing::emulation_procedures(folder));
    Child operator_terminal(
        {FOBRIG_BINARY, "--socket", socket.string(), "program", "mini-r50-2004", "--slots", "1,2"});
    ASSERT_TRUE(a_contact_closes(*chip, 120s)) << "no press within 120 s";
    daemon.signal(SIGKILL);
    daemon.wait();

    const auto config = folder.path / "unit.toml";
    std::ofstream(config) << "[daemon]\nrig = \"" << rig.string() << "\"\n";
    Child stop_post(exec_stop_post(config));
    const auto [said, status] = stop_post.finish(60s);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << said;
    EXPECT_THAT(said, HasSubstr("6 outputs of rig sim-2 driven inactive and given back"));
    for (unsigned line = 0; line < output_lines; ++line) {
        EXPECT_EQ(chip->value(line), 1) << "line " << line;
    }
    car.signal(SIGTERM);
}

TEST_F(KernelSafeState, AKernelKeepingFreedOutputsDrivenMakesFobrigdRefuseRunsAndSayHowToFixIt) {
    const auto sys = folder.path / "sys";
    std::filesystem::create_directories(sys / "module/pinctrl_bcm2835/parameters");
    std::ofstream(sys / "module/pinctrl_bcm2835/parameters/persist_gpio_outputs") << "Y\n";
    const auto config = folder.path / "fobrig.toml";
    std::ofstream(config) << "[daemon]\nlog_level = \"warn\"\n";

    Child daemon({FOBRIGD_BINARY, "--socket", socket.string(), "--state-dir",
                  (folder.path / "state").string(), "--config", config.string(), "--rig",
                  rig.string(), "--sys-root", sys.string()});
    std::optional<DaemonConnection> client;
    for (int tries = 0; tries < 200 && !client; ++tries) {
        try {
            client.emplace(socket);
        } catch (const DaemonUnreachable&) {
            std::this_thread::sleep_for(50ms);
        }
    }
    ASSERT_TRUE(client) << "fobrigd did not start";
    const json status = client->call({{"request", "status"}});
    EXPECT_EQ(status["gpio_release"].value("policy", ""), "kept-driven");
    EXPECT_TRUE(status["gpio_release"].value("runs_refused", false));
    const json refused =
        client->call({{"request", "program"}, {"procedure", "mini-r50-2004"}, {"slots", {1, 2}}});
    EXPECT_EQ(refused.value("error", ""), "unsafe-gpio-release") << refused.dump();
    EXPECT_THAT(refused.value("message", ""), HasSubstr("dtparam=strict_gpiod"));
    // The safe state at start, then the request: every output inactive, none ever pressed.
    for (unsigned line = 0; line < output_lines; ++line) {
        EXPECT_EQ(chip->value(line), 1) << "line " << line;
    }
}

} // namespace
} // namespace fobrig
