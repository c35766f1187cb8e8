// A whole programming run on a real kernel's GPIO lines: fobrigd drives gpio-sim's lines
// through libgpiod, fobrig follows it as the operator's terminal, and fobrig-simcar plays the
// car, its two fobs, their relays and the person at the wheel on the far side of those lines.
// Runs where gpio-sim exists (scripts/test-kernel-gpio boots a kernel that has it).
#include "tests/kernel/kernel_fixture.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace fobrig {
namespace {

using testing::Child;
using testing::gpiod_rig;
using testing::GpioSimChip;
using ::testing::HasSubstr;
using testing::ScratchFolder;
using json = nlohmann::json;
using namespace std::chrono_literals;

TEST(KernelRun, FobrigdProgramsTwoFobsThroughLibgpiodWhileTheSimulatedCarAnswers) {
    if (const auto reason = testing::gpio_sim_skip_reason()) {
        GTEST_SKIP() << *reason;
    }
    GpioSimChip chip("fobrig-sim", 16);
    ScratchFolder folder;
    const auto rig = gpiod_rig(folder);
    const auto socket = folder.path / "fobrig.sock";

    Child car({FOBRIG_SIMCAR_BINARY, "--rig", rig.string(), "--socket", socket.string()});
    ASSERT_EQ(car.line(), "ready");
    // The board's pulls: released relay inputs and the car's idle (active-low) signals read high.
    EXPECT_EQ(chip.value(0), 1);
    EXPECT_EQ(chip.value(8), 1);
    EXPECT_EQ(chip.value(10), 1);

    testing::DaemonProcess daemon(folder, rig, false, testing::emulation_procedures(folder));
    Child operator_terminal({FOBRIG_BINARY, "--socket", socket.string(), "program", "mini-r50-2004",
                             "--slots", "1,2", "--label", "1=owner-A,2=owner-B"});
    const auto [shown, status] = operator_terminal.finish(180s);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << shown;
    EXPECT_THAT(shown, HasSubstr("PASSED, every fob programmed and verified")) << shown;

    // fobrigd let go of every line: the relay inputs are back on their pull-ups.
    daemon.signal(SIGTERM);
    EXPECT_EQ(daemon.wait(), 0);
    for (unsigned line = 0; line < 6; ++line) {
        EXPECT_EQ(chip.value(line), 1) << "line " << line;
    }

    // The car learned exactly the two fobs, from their presses on kernel lines.
    car.signal(SIGTERM);
    const auto [said, car_status] = car.finish(10s);
    EXPECT_EQ(said, "key table: f0b00001 f0b00002\n");
    EXPECT_TRUE(WIFEXITED(car_status) && WEXITSTATUS(car_status) == 0);

    // The record: commanded edges on the gpiod rig, the car's answers stamped by the kernel.
    std::vector<std::filesystem::path> runs;
    for (const auto& entry : std::filesystem::directory_iterator(daemon.state() / "runs")) {
        runs.push_back(entry.path());
    }
    ASSERT_EQ(runs.size(), 1u);
    const json record = json::parse(std::ifstream(runs.front() / "run.json"));
    EXPECT_EQ(record.value("outcome", ""), "passed");
    EXPECT_EQ(record.value("rig", ""), "sim-2");
    // Late edges are counted, not asserted: under emulation the guest's clock stalls for
    // milliseconds, and the benchmark, not this test, measures timing.
    EXPECT_GE(record.value("late_edges", -1), 0);
    std::map<std::string, int> sensed;
    for (const json& edge : record.at("sensed")) {
        ++sensed[edge.value("line", "")];
    }
    // Per fob: lock then unlock answering the learn sequence, then one each for verification.
    EXPECT_GE(sensed["sense.lock"], 4);
    EXPECT_GE(sensed["sense.unlock"], 4);
    // Two ignition cycles (enter, finalise) seen on the ignition line.
    EXPECT_EQ(sensed["sense.ignition"], 4);
    EXPECT_GE(record.at("commanded").size(), 2u * (8 + 2 + 2));
}

// The shipped Pi starter rigs on gpio-sim chips labelled like the Pi 4's and the Pi 5's header
// chips: wiring-check closes and opens each relay input, then fobrigd programs both fobs.
TEST(KernelRun, ThePiStarterRigsWorkOnLinesLabelledLikeThePisHeaderChip) {
    if (const auto reason = testing::gpio_sim_skip_reason()) {
        GTEST_SKIP() << *reason;
    }
    const std::pair<const char*, const char*> pis[] = {{"pinctrl-bcm2711", "pi4-2fob-relay"},
                                                       {"pinctrl-rp1", "pi5-2fob-relay"}};
    for (const auto& [label, name] : pis) {
        SCOPED_TRACE(name);
        GpioSimChip chip(label, 28);
        ScratchFolder folder;
        const std::string rig = std::string(FOBRIG_CONFIG_DIR "/rigs/") + name + ".toml";
        const auto socket = folder.path / "fobrig.sock";
        Child car({FOBRIG_SIMCAR_BINARY, "--rig", rig, "--socket", socket.string()});
        ASSERT_EQ(car.line(), "ready");

        Child check({FOBRIG_BINARY, "--socket", socket.string(), "wiring-check", "--rig", rig,
                     "--no-prompt"});
        const auto [report, check_status] = check.finish(60s);
        EXPECT_TRUE(WIFEXITED(check_status) && WEXITSTATUS(check_status) == 0) << report;
        const std::string line = "the line reads closed when driven, open after release";
        std::size_t channels = 0;
        for (auto at = report.find(line); at != std::string::npos; at = report.find(line, at + 1)) {
            ++channels;
        }
        EXPECT_EQ(channels, 4u) << report;

        testing::DaemonProcess daemon(folder, rig);
        Child terminal({FOBRIG_BINARY, "--socket", socket.string(), "program", "mini-r50-2004",
                        "--slots", "1,2"});
        const auto [shown, status] = terminal.finish(180s);
        EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << shown;
        EXPECT_THAT(shown, HasSubstr("PASSED, every fob programmed and verified")) << shown;
        daemon.signal(SIGTERM);
        EXPECT_EQ(daemon.wait(), 0);
    }
}

} // namespace
} // namespace fobrig
