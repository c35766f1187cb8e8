// Every request of the control protocol, answered by a daemon on the simulated car in
// virtual time, over its real Unix socket.
#include "tests/daemon/daemon_fixture.hpp"

#include <gmock/gmock.h>

#include <set>

namespace fobrig {
namespace {

using testing::DaemonOnThread;
using ::testing::HasSubstr;
using testing::wait_for_event;
using json = nlohmann::json;
using namespace std::chrono_literals;

TEST(ControlSocket, StatusNamesTheRigAndItsSlots) {
    DaemonOnThread daemon;
    DaemonConnection client(daemon.socket());
    const json status = client.call({{"request", "status"}});
    EXPECT_TRUE(status["ok"]);
    EXPECT_EQ(status["v"], 1);
    EXPECT_EQ(status["rig"], "sim-8");
    EXPECT_EQ(status["slots"].size(), 8u);
    EXPECT_FALSE(status["busy"]);
}

TEST(ControlSocket, AProgramRunIsFollowedLiveToItsVerdict) {
    DaemonOnThread daemon;
    DaemonConnection client(daemon.socket());
    ASSERT_TRUE(client.call({{"request", "subscribe"}})["ok"]);
    const json started = client.call({{"request", "program"},
                                      {"procedure", "mini-r50-2004"},
                                      {"slots", {1, 2}},
                                      {"labels", {{"1", "owner-A"}}}});
    ASSERT_TRUE(started["ok"]) << started.dump();
    const std::string run = started["run"];

    std::set<std::string> seen;
    json verdict;
    std::vector<json> car_clocks;
    while (verdict.is_null()) {
        const auto event = client.next_event(10s);
        ASSERT_TRUE(event) << "the run went silent";
        EXPECT_EQ((*event)["run"], run);
        seen.insert((*event)["event"].get<std::string>());
        if ((*event)["event"] == "verdict") {
            verdict = *event;
        }
        if ((*event)["event"] == "prompt" && (*event)["step"] == "enter") {
            EXPECT_EQ((*event)["car_limit"], "key out within 5 s of turning it on");
        }
        if ((*event)["event"] == "car-clock") {
            car_clocks.push_back(*event);
        }
    }
    // The key turned on: the car's 5 s run; then it came out in time.
    ASSERT_GE(car_clocks.size(), 2u);
    EXPECT_EQ(car_clocks[0]["what"], "key out");
    EXPECT_NEAR(car_clocks[0]["seconds_left"].get<double>(), 5.0, 0.1);
    EXPECT_FALSE(car_clocks[1].contains("seconds_left"));
    EXPECT_EQ(verdict["outcome"], "passed") << verdict.dump();
    EXPECT_EQ(verdict["fobs"][0]["label"], "owner-A");
    for (const char* type : {"run-started", "step", "prompt", "edge", "sensed", "operator-done",
                             "confirmation", "attempt"}) {
        EXPECT_TRUE(seen.contains(type)) << "no '" << type << "' event";
    }
}

TEST(ControlSocket, RunsAreListedNewestFirstAndShownWithTheirRecord) {
    DaemonOnThread daemon;
    DaemonConnection client(daemon.socket());
    client.call({{"request", "subscribe"}});
    const std::string first = client.call(
        {{"request", "program"}, {"procedure", "mini-r50-2004"}, {"slots", {1}}})["run"];
    wait_for_event(client, "verdict");
    const std::string second =
        client.call({{"request", "verify"}, {"procedure", "mini-r50-2004"}, {"slots", {1}}})["run"];
    EXPECT_EQ(wait_for_event(client, "verdict")["outcome"], "passed");

    const json runs = client.call({{"request", "runs"}, {"limit", 10}});
    ASSERT_EQ(runs["runs"].size(), 2u);
    EXPECT_EQ(runs["runs"][0]["id"], second);
    EXPECT_EQ(runs["runs"][0]["mode"], "verify");
    EXPECT_EQ(runs["runs"][1]["id"], first);

    const json shown = client.call({{"request", "show"}, {"run", first}});
    ASSERT_TRUE(shown["ok"]) << shown.dump();
    EXPECT_EQ(shown["summary"]["status"], "passed");
    EXPECT_EQ(shown["record"]["format"], "fobrig-run");
    EXPECT_FALSE(shown["record"]["commanded"].empty());
}

TEST(ControlSocket, AckAbortAndReloadAnswerWhenThereIsNothingToDo) {
    DaemonOnThread daemon;
    DaemonConnection client(daemon.socket());
    const json ack = client.call({{"request", "ack"}});
    EXPECT_FALSE(ack["ok"]);
    EXPECT_EQ(ack["error"], "nothing-to-acknowledge");
    EXPECT_EQ(client.call({{"request", "abort"}})["aborting"], false);
    const json reload = client.call({{"request", "reload"}});
    EXPECT_TRUE(reload["ok"]) << reload.dump();
    EXPECT_THAT(reload["reloaded"].get<std::string>(), HasSubstr("sim-8"));
}

// The new rig is valid but cannot be had (the daemon's simulated fault names slot 8's lock
// relay, which it lacks): the reload is refused and the old rig still runs.
TEST(ControlSocket, AReloadWhoseRigCannotBeHadChangesNothing) {
    DaemonOnThread daemon(true, {"stuck-open=8.lock"});
    std::ofstream(daemon.config_file())
        << "[daemon]\nrig = \"" FOBRIG_CONFIG_DIR "/rigs/sim-2.toml\"\n";
    DaemonConnection client(daemon.socket());
    const json reload = client.call({{"request", "reload"}});
    EXPECT_FALSE(reload["ok"]);
    EXPECT_EQ(reload["error"], "invalid-config");
    EXPECT_THAT(reload["message"].get<std::string>(), HasSubstr("the rig is unchanged"));

    client.call({{"request", "subscribe"}});
    const json started =
        client.call({{"request", "program"}, {"procedure", "mini-r50-2004"}, {"slots", {1, 8}}});
    ASSERT_TRUE(started["ok"]) << started.dump();
    const json verdict = wait_for_event(client, "verdict");
    EXPECT_EQ(verdict["outcome"], "failed") << "slot 8's battery is still flat: " << verdict;
    EXPECT_THAT(verdict.dump(), HasSubstr("battery"));
}

TEST(ControlSocket, AnUnknownProcedureIsRefusedNamingTheField) {
    DaemonOnThread daemon;
    DaemonConnection client(daemon.socket());
    const json answer = client.call({{"request", "program"}, {"procedure", "ford-t"}});
    EXPECT_FALSE(answer["ok"]);
    EXPECT_EQ(answer["error"], "unknown-procedure");
    EXPECT_EQ(answer["field"], "procedure");
    EXPECT_THAT(answer["message"].get<std::string>(), HasSubstr("mini-r50-2004"));
}

TEST(ControlSocket, TheTwoButtonKeyIsRefusedWithTheProceduresReason) {
    DaemonOnThread daemon;
    DaemonConnection client(daemon.socket());
    const json answer = client.call(
        {{"request", "program"}, {"procedure", "mini-r50-2004"}, {"key_type", "two-button"}});
    EXPECT_EQ(answer["error"], "refused-key-type");
    EXPECT_THAT(answer["message"].get<std::string>(), HasSubstr("three-button key only"));
}

TEST(ControlSocket, ASlotTheRigDoesNotHaveIsRefusedBeforeAnythingRuns) {
    DaemonOnThread daemon;
    DaemonConnection client(daemon.socket());
    const json answer =
        client.call({{"request", "program"}, {"procedure", "mini-r50-2004"}, {"slots", {9}}});
    EXPECT_FALSE(answer["ok"]);
    EXPECT_EQ(client.call({{"request", "runs"}})["runs"].size(), 0u);
}

TEST(ControlSocket, MoreFobsThanTheCarKeepsAreRefusedInOneSession) {
    DaemonOnThread daemon;
    DaemonConnection client(daemon.socket());
    const json answer = client.call(
        {{"request", "program"}, {"procedure", "mini-r50-2004"}, {"slots", {1, 2, 3, 4, 5}}});
    EXPECT_EQ(answer["error"], "refused");
    EXPECT_THAT(answer["message"].get<std::string>(), HasSubstr("at most 4"));
}

} // namespace
} // namespace fobrig
