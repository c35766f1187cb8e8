// A fresh install names no rig: fobrigd starts, says how to configure one, and never runs the
// simulated car unless asked for it by name.
#include "tests/daemon/daemon_fixture.hpp"

#include <gmock/gmock.h>

namespace fobrig {
namespace {

using nlohmann::json;
using testing::DaemonProcess;
using ::testing::HasSubstr;
using testing::ScratchFolder;
using testing::shell;

std::string how_to_configure(const DaemonProcess& daemon) {
    return "no rig configured: set `rig = ...` in " + daemon.config_file().string() +
           " (examples in " FOBRIG_CONFIG_DIR "/rigs)";
}

TEST(NoRigConfigured, StatusSaysWhereToNameARig) {
    ScratchFolder folder;
    DaemonProcess daemon(folder, DaemonProcess::Unconfigured{});
    const auto [status, output] =
        shell(std::string(FOBRIG_BINARY) + " --socket " + daemon.socket().string() + " status");
    EXPECT_EQ(status, 0) << output;
    EXPECT_EQ(output, how_to_configure(daemon) + "\n");

    DaemonConnection client(daemon.socket());
    const json answer = client.call({{"request", "status"}});
    EXPECT_TRUE(answer["rig"].is_null()) << answer.dump();
    EXPECT_EQ(answer["no_rig"], how_to_configure(daemon));
}

TEST(NoRigConfigured, ProgramVerifyAndBatchAreRefusedAndNothingRuns) {
    ScratchFolder folder;
    DaemonProcess daemon(folder, DaemonProcess::Unconfigured{});
    DaemonConnection client(daemon.socket());
    const std::vector<json> requests{
        {{"request", "program"}, {"procedure", "mini-r50-2004"}, {"slots", {1, 2}}},
        {{"request", "verify"}, {"procedure", "mini-r50-2004"}},
        {{"request", "batch"}, {"procedure", "mini-r50-2004"}, {"keep", {1}}, {"spares", {2}}}};
    for (const json& request : requests) {
        const json answer = client.call(request);
        EXPECT_FALSE(answer["ok"]) << request.dump();
        EXPECT_EQ(answer["error"], "no-rig");
        EXPECT_EQ(answer["message"], how_to_configure(daemon));
    }
    EXPECT_EQ(client.call({{"request", "runs"}})["runs"], json::array());
    EXPECT_EQ(client.call({{"request", "abort"}})["aborting"], false);

    const auto [status, output] = shell(std::string(FOBRIG_BINARY) + " --socket " +
                                        daemon.socket().string() + " program mini-r50-2004");
    EXPECT_EQ(status, 2) << output;
    EXPECT_THAT(output, HasSubstr(how_to_configure(daemon)));
    EXPECT_THAT(output, ::testing::Not(HasSubstr("PASSED")));
}

// The installer's next step: one line of config naming a shipped rig, then a reload.
TEST(NoRigConfigured, AReloadTakesTheRigTheConfigNowNames) {
    ScratchFolder folder;
    DaemonProcess daemon(folder, DaemonProcess::Unconfigured{});
    std::ofstream(daemon.config_file()) << "[daemon]\nrig = \"sim-2\"\n";
    DaemonConnection client(daemon.socket());
    const json reload = client.call({{"request", "reload"}});
    ASSERT_TRUE(reload["ok"]) << reload.dump();
    const json status = client.call({{"request", "status"}});
    EXPECT_EQ(status["rig"], "sim-2");
    EXPECT_FALSE(status.contains("no_rig"));
}

// Under systemd's watchdog (the unit's WatchdogSec=) fobrigd asks at each ping whether a run's
// thread beats; with no rig there is no run to ask. The installed service, its config naming no
// rig, crashed there at its first ping and was restarted until systemd gave up.
TEST(NoRigConfigured, TheWatchdogIsFed) {
    ScratchFolder folder;
    auto options = testing::options_for(folder, true);
    std::ofstream(options.config_file) << "[daemon]\n";
    boost::asio::io_context io;
    Daemon daemon(io, options);
    EXPECT_TRUE(daemon.run_thread_beating());
}

TEST(NoRigConfigured, AnUnknownRigNameStopsTheDaemonNamingTheShippedRigs) {
    ScratchFolder folder;
    std::ofstream(folder.path / "fobrig.toml") << "[daemon]\n";
    const auto [status, output] = shell(std::string(FOBRIGD_BINARY) + " --rig sim-3 --socket " +
                                        (folder.path / "s.sock").string() + " --state-dir " +
                                        (folder.path / "state").string() + " --config " +
                                        (folder.path / "fobrig.toml").string());
    EXPECT_NE(status, 0);
    EXPECT_THAT(output, HasSubstr("no rig 'sim-3'"));
    EXPECT_THAT(output, HasSubstr("sim-2, sim-2-car, sim-2-indicator"));
}

} // namespace
} // namespace fobrig
