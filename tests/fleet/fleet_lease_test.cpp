// A rig's lease, granted and ended by the rig itself, and commands that are done once: a
// duplicate (QoS 1 delivers at least once, also across a restart) gets the first answer, a
// command that waited past its expiry never runs, and a rig's credentials command no other rig.
#include "rig/fleet/fleet_topics.hpp"
#include "rig/fleet/mqtt_client.hpp"
#include "tests/fleet/fleet_fixture.hpp"

#include <gmock/gmock.h>
#include <nlohmann/json.hpp>

namespace fobrig::testing {
namespace {

using ::testing::HasSubstr;

// Who holds `rig`, as its own status says; empty when nobody.
std::string holder(const FleetRig& rig) {
    const nlohmann::json status = rig.status();
    const auto& lease = status["fleet"]["lease"];
    return lease.is_object() ? lease["holder"].get<std::string>() : "";
}

TEST(FleetLease, ALeasedRigRefusesLocalRunsAndIdlesWhenTheLeaseRunsOut) {
    Broker broker({"bay-1"});
    FleetRig rig(broker, "bay-1");
    ASSERT_TRUE(eventually([&] { return rig.connected(); }, 10s));
    // Long enough for the refusals below on a loaded machine under the sanitizers.
    const Outcome leased = fleet(broker, "lease bay-1 --holder shop-pc --seconds 8");
    EXPECT_EQ(leased.status, 0) << leased.output;
    EXPECT_THAT(leased.output, HasSubstr("rig bay-1: leased to shop-pc for 8 s"));
    EXPECT_EQ(holder(rig), "shop-pc");
    const Outcome other = fleet(broker, "lease bay-1 --holder other-pc --seconds 2");
    EXPECT_EQ(other.status, 1);
    EXPECT_THAT(other.output, HasSubstr("refused: held by shop-pc for"));
    const Outcome local = rig.fobrig("program mini-r50-2004 --slots 1");
    EXPECT_NE(local.status, 0);
    EXPECT_THAT(local.output, HasSubstr("leased to the fleet client 'shop-pc'"));
    // Nobody renews it: the rig ends it by itself, and runs on its own again.
    EXPECT_TRUE(eventually([&] { return holder(rig).empty(); }, 10s));
    const Outcome after = rig.fobrig("program mini-r50-2004 --slots 1");
    EXPECT_EQ(after.status, 0) << after.output;
}

TEST(FleetLease, OnlyTheHolderAbortsALeasedRigsRuns) {
    Broker broker({"bay-1"});
    FleetRig rig(broker, "bay-1");
    ASSERT_TRUE(eventually([&] { return rig.connected(); }, 10s));
    ASSERT_EQ(fleet(broker, "lease bay-1 --holder shop-pc --seconds 60").status, 0);
    const Outcome other = fleet(broker, "abort --rigs bay-1 --holder other-pc");
    EXPECT_EQ(other.status, 1);
    EXPECT_THAT(other.output, HasSubstr("rig bay-1 refused: the rig is leased to shop-pc"));
    // Without --rigs: every rig the holder leases.
    const Outcome holder = fleet(broker, "abort --holder shop-pc");
    EXPECT_EQ(holder.status, 0) << holder.output;
    EXPECT_THAT(holder.output, HasSubstr("rig bay-1: nothing was running"));
}

TEST(FleetLease, ACommandDeliveredTwiceIsDoneOnceAlsoAcrossARestart) {
    Broker broker({"bay-1"});
    FleetRig rig(broker, "bay-1");
    ASSERT_TRUE(eventually([&] { return rig.connected(); }, 10s));
    const std::string once = "lease bay-1 --holder shop-pc --seconds 60 --command-id job-7";
    EXPECT_THAT(fleet(broker, once).output, HasSubstr("leased to shop-pc for 60 s\n"));
    EXPECT_THAT(fleet(broker, once).output, HasSubstr("(answered before: done once)"));
    fleet(broker, "end-lease bay-1 --holder shop-pc");
    rig.signal(SIGKILL);
    rig.start();
    ASSERT_TRUE(eventually([&] { return rig.connected(); }, 10s));
    const Outcome again = fleet(broker, "--json " + once);
    EXPECT_THAT(again.output, HasSubstr("\"duplicate\": true"));
    // The stored answer, and nothing done: the restarted rig holds no lease.
    EXPECT_EQ(holder(rig), "");
}

TEST(FleetLease, ACommandThatWaitedPastItsExpiryNeverRuns) {
    Broker broker({"bay-1"});
    FleetRig rig(broker, "bay-1");
    ASSERT_TRUE(eventually([&] { return rig.connected(); }, 10s));
    rig.signal(SIGKILL);
    // Queued at the broker for the absent rig: one that expires first, one that waits.
    const Outcome stale =
        fleet(broker, "lease bay-1 --holder stale-pc --seconds 60 --expiry-s 1 --command-id old");
    EXPECT_EQ(stale.status, 3) << stale.output; // no answer: the rig is away
    std::this_thread::sleep_for(2s);
    rig.start();
    ASSERT_TRUE(eventually([&] { return rig.connected(); }, 10s));
    std::this_thread::sleep_for(1s);
    EXPECT_EQ(holder(rig), "") << "the expired command was run";
}

TEST(FleetLease, ARigsCredentialsCannotCommandAnotherRig) {
    Broker broker({"bay-1", "bay-2"});
    FleetRig target(broker, "bay-1");
    ASSERT_TRUE(eventually([&] { return target.connected(); }, 10s));
    // bay-2's user writes a lease command to bay-1's command topic: the broker's ACL drops it.
    fleet::MqttClient intruder(
        {.client_id = "intruder", .username = "bay-2", .password = Broker::password_of("bay-2")},
        [](bool, const std::string&) {}, [](const fleet::MqttMessage&) {});
    intruder.start({.host = "127.0.0.1", .port = std::stoi(broker.url().substr(17))});
    std::this_thread::sleep_for(500ms);
    EXPECT_TRUE(
        intruder.publish(fleet::command_topic("bay-1"),
                         R"({"id":"x1","command":"lease","holder":"intruder","lease_s":60})"));
    std::this_thread::sleep_for(1500ms);
    EXPECT_EQ(holder(target), "");
    // The same command from the fleet's client is obeyed: the command itself was fine.
    const Outcome obeyed = fleet(broker, "lease bay-1 --holder shop-pc --seconds 5");
    EXPECT_EQ(obeyed.status, 0) << obeyed.output;
}

} // namespace
} // namespace fobrig::testing
