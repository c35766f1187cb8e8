// Runs in real time against the daemon: one at a time, independent of the client that
// started them, and recorded whatever ends them (an abort, SIGTERM, a crash).
#include "tests/daemon/daemon_fixture.hpp"

#include "rig/history/run_history.hpp"

#include <gmock/gmock.h>

namespace fobrig {
namespace {

using testing::DaemonOnThread;
using testing::DaemonProcess;
using ::testing::HasSubstr;
using testing::ScratchFolder;
using testing::wait_for_event;
using json = nlohmann::json;
using namespace std::chrono_literals;

// Starts a real-time program run and waits until the learn step holds its first button.
std::string start_and_reach_the_hold(DaemonConnection& client) {
    client.call({{"request", "subscribe"}});
    const json started =
        client.call({{"request", "program"}, {"procedure", "mini-r50-2004"}, {"slots", {1, 2}}});
    EXPECT_TRUE(started["ok"]) << started.dump();
    for (;;) {
        const json edge = wait_for_event(client, "edge", 20s);
        if (edge.is_null() || (edge["action"] == "hold" && edge["level"] == 1)) {
            break;
        }
    }
    return started.value("run", "");
}

// Every output line's last commanded level in the record is 0 (released).
void expect_every_output_released(const RunRecord& record) {
    std::map<std::size_t, bool> last;
    for (const auto& edge : record.commanded) {
        last[edge.line] = edge.active;
    }
    ASSERT_FALSE(last.empty());
    for (const auto& [line, active] : last) {
        EXPECT_FALSE(active) << record.lines[line].name << " left closed";
    }
}

TEST(RunLifecycle, ASecondProgramIsRefusedWhileBusyAndStatusStillAnswers) {
    DaemonOnThread daemon(false);
    DaemonConnection client(daemon.socket());
    const std::string run = start_and_reach_the_hold(client);

    DaemonConnection other(daemon.socket());
    const json refused =
        other.call({{"request", "program"}, {"procedure", "mini-r50-2004"}, {"slots", {3}}});
    EXPECT_EQ(refused["error"], "busy");
    EXPECT_THAT(refused["message"].get<std::string>(), HasSubstr(run));
    EXPECT_THAT(refused["message"].get<std::string>(), HasSubstr("step learn"));
    const json status = other.call({{"request", "status"}});
    EXPECT_TRUE(status["busy"]);
    EXPECT_EQ(status["run"]["id"], run);

    EXPECT_TRUE(other.call({{"request", "abort"}})["aborting"]);
    EXPECT_EQ(wait_for_event(client, "verdict")["outcome"], "aborted");
}

TEST(RunLifecycle, AClientThatDisconnectsMidRunLeavesTheRunGoing) {
    DaemonOnThread daemon(false);
    std::string run;
    {
        DaemonConnection starter(daemon.socket());
        run = start_and_reach_the_hold(starter);
    }
    DaemonConnection other(daemon.socket());
    other.call({{"request", "subscribe"}});
    const json confirmation = wait_for_event(other, "confirmation", 20s);
    EXPECT_EQ(confirmation["run"], run);
    EXPECT_TRUE(confirmation["passed"]) << confirmation.dump();
    other.call({{"request", "abort"}});
    wait_for_event(other, "verdict");

    const json shown = other.call({{"request", "show"}, {"run", run}});
    EXPECT_EQ(shown["summary"]["status"], "aborted");
}

// Starts a run on a daemon process, and sends `signal` once it holds the learn step's button.
std::string signal_mid_press(DaemonProcess& daemon, int signal) {
    DaemonConnection client(daemon.socket());
    const std::string run = start_and_reach_the_hold(client);
    daemon.signal(signal);
    return run;
}

TEST(RunLifecycle, SigtermMidPressReleasesEveryOutputAndRecordsTheRunAsAborted) {
    ScratchFolder folder;
    DaemonProcess daemon(folder);
    const std::string run = signal_mid_press(daemon, SIGTERM);
    const int status = daemon.wait();
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
    EXPECT_FALSE(std::filesystem::exists(daemon.socket())) << "the socket file is left behind";
    RunHistory history(daemon.state());
    EXPECT_EQ(history.find(run)->status, "aborted");
    expect_every_output_released(history.load(run));
}

TEST(RunLifecycle, ARunCutOffByKillNineShowsAsInterruptedAfterRestart) {
    ScratchFolder folder;
    DaemonProcess daemon(folder);
    const std::string run = signal_mid_press(daemon, SIGKILL);
    daemon.wait();
    daemon.start();
    DaemonConnection client(daemon.socket());
    const json runs = client.call({{"request", "runs"}});
    ASSERT_EQ(runs["runs"].size(), 1u);
    EXPECT_EQ(runs["runs"][0]["id"], run);
    EXPECT_EQ(runs["runs"][0]["status"], "interrupted");
    EXPECT_FALSE(client.call({{"request", "status"}})["busy"]);
}

} // namespace
} // namespace fobrig
