// Bad bytes, stalled and crowding clients: each gets a clear answer, and the daemon and the
// run go on.
#include "tests/daemon/daemon_fixture.hpp"

#include <gmock/gmock.h>

namespace fobrig {
namespace {

using testing::DaemonOnThread;
using testing::wait_for_event;
using json = nlohmann::json;
using namespace std::chrono_literals;

json answer_to_raw(DaemonConnection& client, std::string_view bytes) {
    client.send_raw(bytes);
    const auto answer = client.receive(5s);
    EXPECT_TRUE(answer) << "no answer to: " << bytes.substr(0, 80);
    return answer.value_or(json());
}

TEST(ControlSocketRobustness, MalformedJsonIsAnsweredAndTheConnectionGoesOn) {
    DaemonOnThread daemon;
    DaemonConnection client(daemon.socket());
    const json answer = answer_to_raw(client, "{\"request\": \"status\"\n");
    EXPECT_FALSE(answer["ok"]);
    EXPECT_EQ(answer["error"], "bad-json");
    EXPECT_TRUE(client.call({{"request", "status"}})["ok"]);
}

TEST(ControlSocketRobustness, AnUnknownRequestListsTheKnownOnes) {
    DaemonOnThread daemon;
    DaemonConnection client(daemon.socket());
    const json answer = answer_to_raw(client, R"({"request": "format-disk", "id": 7})"
                                              "\n");
    EXPECT_EQ(answer["id"], 7);
    EXPECT_EQ(answer["error"], "unknown-request");
    EXPECT_THAT(answer["message"].get<std::string>(), ::testing::HasSubstr("program"));
}

TEST(ControlSocketRobustness, AFieldOfTheWrongTypeIsNamed) {
    DaemonOnThread daemon;
    DaemonConnection client(daemon.socket());
    const json answer =
        client.call({{"request", "program"}, {"procedure", "mini-r50-2004"}, {"slots", "1,2"}});
    EXPECT_EQ(answer["error"], "bad-field");
    EXPECT_EQ(answer["field"], "slots");
    EXPECT_THAT(answer["message"].get<std::string>(), ::testing::HasSubstr("'program'"));
}

TEST(ControlSocketRobustness, ANewerProtocolVersionIsRefused) {
    DaemonOnThread daemon;
    DaemonConnection client(daemon.socket());
    const json answer = answer_to_raw(client, R"({"v": 2, "request": "status"})"
                                              "\n");
    EXPECT_EQ(answer["error"], "version");
}

TEST(ControlSocketRobustness, ALineOver64KiBClosesOnlyThatClient) {
    DaemonOnThread daemon;
    DaemonConnection bystander(daemon.socket());
    DaemonConnection flooder(daemon.socket());
    const json answer = answer_to_raw(flooder, std::string(70 * 1024, 'x'));
    EXPECT_EQ(answer["error"], "line-too-long");
    EXPECT_THROW(
        {
            for (int i = 0; i < 50; ++i) {
                flooder.receive(100ms);
            }
        },
        DaemonUnreachable);
    EXPECT_TRUE(bystander.call({{"request", "status"}})["ok"]);
}

TEST(ControlSocketRobustness, HalfALineAndThenSilenceHoldsUpNobody) {
    DaemonOnThread daemon;
    DaemonConnection staller(daemon.socket());
    staller.send_raw(R"({"request": "sta)");
    DaemonConnection client(daemon.socket());
    client.call({{"request", "subscribe"}});
    ASSERT_TRUE(client.call(
        {{"request", "program"}, {"procedure", "mini-r50-2004"}, {"slots", {1}}})["ok"]);
    EXPECT_EQ(wait_for_event(client, "verdict")["outcome"], "passed");
    // The stalled client finishes its line late, and is answered then.
    EXPECT_TRUE(answer_to_raw(staller, "tus\"}\n")["ok"]);
}

TEST(ControlSocketRobustness, FiftyClientsAtOnceAreEachAnsweredWhileARunGoes) {
    DaemonOnThread daemon;
    DaemonConnection watcher(daemon.socket());
    watcher.call({{"request", "subscribe"}});
    ASSERT_TRUE(watcher.call(
        {{"request", "program"}, {"procedure", "mini-r50-2004"}, {"slots", {1, 2}}})["ok"]);
    std::vector<std::unique_ptr<DaemonConnection>> clients;
    for (int i = 0; i < 50; ++i) {
        clients.push_back(std::make_unique<DaemonConnection>(daemon.socket()));
        clients.back()->send_raw(R"({"request": "status", "id": )" + std::to_string(i) + "}\n");
    }
    for (int i = 0; i < 50; ++i) {
        const auto answer = clients[static_cast<std::size_t>(i)]->receive(10s);
        ASSERT_TRUE(answer) << "client " << i << " got no answer";
        EXPECT_EQ((*answer)["id"], i);
        EXPECT_TRUE((*answer)["ok"]);
    }
    EXPECT_EQ(wait_for_event(watcher, "verdict")["outcome"], "passed");
}

} // namespace
} // namespace fobrig
