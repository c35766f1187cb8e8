// The fleet's parts on their own: broker addresses, rig ids and topics, the lease a rig counts
// on its own clock, the client's judgement of presence, and the command log on disk.
#include "rig/fleet/broker_address.hpp"
#include "rig/fleet/command_log.hpp"
#include "rig/fleet/fleet_topics.hpp"
#include "rig/fleet/job_result.hpp"
#include "rig/fleet/lease.hpp"
#include "rig/fleet/rig_presence.hpp"
#include "tests/support/scratch_folder.hpp"

#include <gmock/gmock.h>

namespace fobrig::fleet {
namespace {

using ::testing::HasSubstr;

TEST(BrokerAddress, TakesPlainAndTlsUrlsWithTheirDefaultPorts) {
    const auto plain = parse_broker_address("mqtt://broker.shop");
    ASSERT_TRUE(plain);
    EXPECT_EQ(plain->host, "broker.shop");
    EXPECT_EQ(plain->port, 1883);
    EXPECT_FALSE(plain->tls);
    const auto tls = parse_broker_address("mqtts://10.0.0.5:9883");
    ASSERT_TRUE(tls);
    EXPECT_EQ(tls->port, 9883);
    EXPECT_TRUE(tls->tls);
    EXPECT_EQ(parse_broker_address("mqtt://[::1]:1884")->host, "::1");
    for (const char* bad : {"broker:1883", "http://broker", "mqtt://", "mqtt://b:0",
                            "mqtt://b:65536", "mqtt://b:12x", "mqtt://b/path"}) {
        EXPECT_FALSE(parse_broker_address(bad)) << bad;
    }
}

TEST(FleetTopics, EachRigHasItsOwnFolderAndOnlyFleetTopicsParse) {
    EXPECT_EQ(status_topic("bay-1"), "fobrig/v1/bay-1/status");
    EXPECT_EQ(command_topic("bay-1"), "fobrig/v1/bay-1/command");
    EXPECT_EQ(every_rig("heartbeat"), "fobrig/v1/+/heartbeat");
    EXPECT_EQ(parse_topic("fobrig/v1/bay-1/reply").rig, "bay-1");
    EXPECT_EQ(parse_topic("fobrig/v1/bay-1/reply").kind, "reply");
    EXPECT_EQ(parse_topic("fobrig/v1/bay-1/reply/x").rig, "");
    EXPECT_EQ(parse_topic("other/bay-1/status").rig, "");
    EXPECT_EQ(rig_id_problem("bay_1-B"), "");
    EXPECT_THAT(rig_id_problem("bay/1"), HasSubstr("letters, digits"));
    EXPECT_THAT(rig_id_problem("+"), HasSubstr("letters, digits"));
    EXPECT_THAT(rig_id_problem(""), HasSubstr("1 to 64"));
}

TEST(JobResult, SaysDoneWithItsSummaryOrStoppedWithHowToGoOn) {
    const JobResult done =
        read_job_result({{"job", "j1"},
                         {"rig", "bay-1"},
                         {"campaign", "c1"},
                         {"report", {{"finished", true}, {"summary", "8 fobs: 8 programmed"}}}});
    EXPECT_TRUE(done.finished);
    EXPECT_EQ(done.text, "8 fobs: 8 programmed");

    const JobResult stopped = read_job_result(
        {{"job", "j2"},
         {"rig", "bay-2"},
         {"campaign", "c2"},
         {"report", {{"finished", false}, {"stop_reason", "aborted by the fleet client"}}}});
    EXPECT_FALSE(stopped.finished);
    EXPECT_EQ(stopped.text, "aborted by the fleet client; go on with `fobrig batch --resume c2` "
                            "on bay-2");
    // A rig's result without a report (an older rig): stopped, never done.
    EXPECT_FALSE(read_job_result({{"job", "j3"}, {"rig", "bay-3"}}).finished);
}

TEST(Lease, EndsByItselfWhenNotRenewedAndExcludesOtherHolders) {
    const Instant t0{};
    Lease lease;
    EXPECT_EQ(lease.grant("shop-pc", seconds(30), t0), "");
    EXPECT_EQ(lease.holder(t0 + seconds(29)), "shop-pc");
    EXPECT_THAT(lease.grant("other-pc", seconds(30), t0 + seconds(10)),
                HasSubstr("held by shop-pc for 20 s more"));
    // Renewed by its holder: counted from the renewal.
    EXPECT_EQ(lease.grant("shop-pc", seconds(30), t0 + seconds(20)), "");
    EXPECT_EQ(lease.holder(t0 + seconds(49)), "shop-pc");
    EXPECT_EQ(lease.remaining(t0 + seconds(40)), seconds(10));
    // Past its end nobody holds it, and another may have it.
    EXPECT_EQ(lease.holder(t0 + seconds(50)), "");
    EXPECT_FALSE(lease.end("shop-pc", t0 + seconds(50)));
    EXPECT_EQ(lease.grant("other-pc", seconds(5), t0 + seconds(50)), "");
    EXPECT_TRUE(lease.end("other-pc", t0 + seconds(51)));
    EXPECT_EQ(lease.holder(t0 + seconds(51)), "");
}

TEST(Lease, IsNeverLongerThanTheMaximumAndNeedsAHolder) {
    Lease lease;
    EXPECT_EQ(lease.grant("shop-pc", std::chrono::hours(5), Instant{}), "");
    EXPECT_EQ(lease.remaining(Instant{}), max_lease);
    EXPECT_NE(Lease().grant("", seconds(5), Instant{}), "");
    EXPECT_NE(Lease().grant("x", Duration::zero(), Instant{}), "");
}

TEST(FleetView, PresentOnlyWithFreshHeartbeatsOfTheEpochItsStatusNames) {
    const Instant t0{};
    FleetView view;
    const nlohmann::json online{{"epoch", 7}, {"state", "online"}, {"heartbeat_ms", 1000}};
    view.status("bay-1", online, t0);
    EXPECT_EQ(view.rigs(t0)[0].presence, Presence::silent) << "no heartbeat yet";
    view.heartbeat("bay-1", {{"epoch", 7}, {"beat", 1}}, t0);
    EXPECT_EQ(view.rigs(t0 + seconds(1)).at(0).presence, Presence::present);
    EXPECT_EQ(view.rigs(t0 + milliseconds(2500)).at(0).presence, Presence::silent);
    // A heartbeat of another boot does not make the retained status of this one present.
    view.heartbeat("bay-1", {{"epoch", 6}, {"beat", 9}}, t0 + seconds(3));
    EXPECT_EQ(view.rigs(t0 + seconds(3)).at(0).presence, Presence::silent);
    view.status("bay-1", {{"epoch", 7}, {"state", "lost"}}, t0 + seconds(4));
    EXPECT_EQ(view.rigs(t0 + seconds(4)).at(0).presence, Presence::lost);
}

TEST(FleetView, TwoRigsBeatingInTurnAsOneIdAreADuplicateAndARestartIsNot) {
    const Instant t0{};
    FleetView view;
    view.status("bay-1", {{"epoch", 1}, {"state", "online"}, {"heartbeat_ms", 500}}, t0);
    view.heartbeat("bay-1", {{"epoch", 1}}, t0);
    view.heartbeat("bay-1", {{"epoch", 1}}, t0 + seconds(1));
    // Restarted: the old epoch is not heard again.
    view.status("bay-1", {{"epoch", 2}, {"state", "online"}, {"heartbeat_ms", 500}},
                t0 + seconds(2));
    view.heartbeat("bay-1", {{"epoch", 2}}, t0 + seconds(2));
    view.heartbeat("bay-1", {{"epoch", 2}}, t0 + milliseconds(2500));
    EXPECT_EQ(view.rigs(t0 + milliseconds(2600)).at(0).presence, Presence::present);
    // Epoch 1 speaks again: two rigs call themselves bay-1.
    view.heartbeat("bay-1", {{"epoch", 1}}, t0 + seconds(3));
    const RigSeen seen = view.rigs(t0 + seconds(3)).at(0);
    EXPECT_EQ(seen.presence, Presence::duplicate);
    EXPECT_EQ(seen.epochs, (std::vector<std::uint64_t>{1, 2}));
}

TEST(CommandLog, KeepsEachAnswerAcrossReopeningAndForgetsOnlyTheOldest) {
    testing::ScratchFolder folder;
    const auto file = folder.path / "fleet-commands.sqlite";
    {
        CommandLog log(file);
        EXPECT_FALSE(log.answer_to("job-1"));
        log.keep("job-1", R"({"ok":true})");
    }
    CommandLog reopened(file, 3);
    EXPECT_EQ(reopened.answer_to("job-1"), R"({"ok":true})");
    for (int i = 0; i < 3; ++i) {
        reopened.keep("later-" + std::to_string(i), "{}");
    }
    EXPECT_FALSE(reopened.answer_to("job-1"));
    EXPECT_TRUE(reopened.answer_to("later-0"));
}

} // namespace
} // namespace fobrig::fleet
