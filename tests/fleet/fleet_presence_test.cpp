// Rigs on one broker as `fobrig fleet status` shows them: present with their cars and slots,
// lost when killed (the broker's Last Will), offline when stopped, and no rig reachable by
// anyone without the fleet's credentials.
#include "tests/fleet/fleet_fixture.hpp"

#include <gmock/gmock.h>
#include <nlohmann/json.hpp>

namespace fobrig::testing {
namespace {

using ::testing::HasSubstr;

// Each rig's presence, by id, as the fleet's client reports it after a second of listening.
std::map<std::string, std::string> presences(const Broker& broker) {
    const Outcome out = fleet(broker, "--json status --listen-ms 1200");
    std::map<std::string, std::string> seen;
    const auto document = nlohmann::json::parse(out.output, nullptr, false);
    if (document.is_discarded()) {
        ADD_FAILURE() << out.output;
        return seen;
    }
    for (const auto& rig : document["rigs"]) {
        seen[rig["rig"]] = rig["presence"];
    }
    return seen;
}

TEST(FleetPresence, StatusListsEveryRigPresentIdleWithItsCarAndSlots) {
    Broker broker({"bay-1", "bay-2"});
    FleetRig one(broker, "bay-1");
    FleetRig two(broker, "bay-2", "ford-focus-2014");
    ASSERT_TRUE(eventually(
        [&] {
            return presences(broker) ==
                   std::map<std::string, std::string>{{"bay-1", "present"}, {"bay-2", "present"}};
        },
        10s));
    const Outcome table = fleet(broker, "status --listen-ms 1200");
    EXPECT_EQ(table.status, 0);
    EXPECT_THAT(table.output, HasSubstr("bay-1            present  idle  simulated BMW Mini R50"));
    EXPECT_THAT(table.output, HasSubstr("bay-2            present  idle  simulated Ford Focus"));
    EXPECT_THAT(table.output, HasSubstr("1,2,3,4,5,6,7,8"));
    // The rig's own status says it is in a fleet, and connected.
    const Outcome status = one.fobrig("--json status");
    const auto json = nlohmann::json::parse(status.output.substr(status.output.find('{')));
    EXPECT_EQ(json["fleet"]["rig_id"], "bay-1");
    EXPECT_EQ(json["fleet"]["connected"], true);
    EXPECT_THAT(one.fobrig("status").output,
                HasSubstr("fleet: rig bay-1 on " + broker.url() + ", connected\n"));
}

TEST(FleetPresence, ARigKilledIsLostWithinOneAndAHalfKeepalivesAndAStoppedOneIsOffline) {
    Broker broker({"bay-1", "bay-2"});
    FleetRig killed(broker, "bay-1");
    FleetRig stopped(broker, "bay-2");
    ASSERT_TRUE(eventually([&] { return presences(broker)["bay-1"] == "present"; }, 10s));
    ASSERT_TRUE(eventually([&] { return presences(broker)["bay-2"] == "present"; }, 10s));
    killed.signal(SIGKILL);
    stopped.signal(SIGTERM);
    const auto t0 = std::chrono::steady_clock::now();
    // The broker's will after 1.5 keepalives; a second more for the listening itself.
    EXPECT_TRUE(eventually([&] { return presences(broker)["bay-1"] == "lost"; },
                           std::chrono::milliseconds(FleetRig::keepalive_s * 1500 + 2500)))
        << broker.log();
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 10s);
    EXPECT_EQ(presences(broker)["bay-2"], "offline");
}

TEST(FleetPresence, ARetainedOnlineWithoutHeartbeatsOfItsEpochIsNotPresent) {
    Broker broker({"bay-1"});
    {
        FleetRig frozen(broker, "bay-1");
        ASSERT_TRUE(eventually([&] { return presences(broker)["bay-1"] == "present"; }, 10s));
        // Frozen: its connection stays open for a while and its retained status says online,
        // but no heartbeat comes.
        frozen.signal(SIGSTOP);
        EXPECT_TRUE(eventually([&] { return presences(broker)["bay-1"] == "silent"; }, 5s));
        frozen.signal(SIGCONT);
        EXPECT_TRUE(eventually([&] { return presences(broker)["bay-1"] == "present"; }, 10s));
    }
}

TEST(FleetPresence, TwoRigsWithOneIdAreDetectedAndReported) {
    Broker broker({"bay-1"});
    FleetRig first(broker, "bay-1");
    ASSERT_TRUE(eventually([&] { return presences(broker)["bay-1"] == "present"; }, 10s));
    FleetRig second(broker, "bay-1"); // a copied SD card: the same config on a second Pi
    EXPECT_TRUE(eventually(
        [&] {
            const Outcome table = fleet(broker, "status --listen-ms 3000");
            return table.output.find("ALERT: 2 rigs speak as 'bay-1'") != std::string::npos;
        },
        20s));
}

TEST(FleetPresence, NobodyWithoutTheFleetsPasswordIsLetIn) {
    Broker broker({"bay-1"});
    FleetRig rig(broker, "bay-1");
    const Outcome wrong = shell(std::string(FOBRIG_BINARY) + " fleet --broker " + broker.url() +
                                " --user fleet status --listen-ms 200");
    EXPECT_EQ(wrong.status, 3) << wrong.output;
    EXPECT_THAT(wrong.output, HasSubstr("refused our credentials"));
}

} // namespace
} // namespace fobrig::testing
