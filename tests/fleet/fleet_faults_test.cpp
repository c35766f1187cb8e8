// What happens to a fleet's campaign when something fails under it: a rig stopped past its
// lease, the fleet's client killed, the broker restarted. Each rig decides for itself: no lease,
// no pressing.
#include "tests/fleet/fleet_fixture.hpp"

#include <gmock/gmock.h>
#include <nlohmann/json.hpp>

namespace fobrig::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string batch_of(const std::string& rigs, const std::string& more,
                     const ScratchFolder& reports) {
    return "batch --procedure mini-r50-2004 --rigs " + rigs + " --holder shop-pc --report-dir " +
           reports.path.string() + " " + more;
}

std::int64_t steady_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// Every contact the run closed, as monotonic instants (the rig's clock is the test's).
std::vector<std::int64_t> closings_of(const nlohmann::json& record) {
    std::vector<std::int64_t> at;
    for (const auto& edge : record.value("commanded", nlohmann::json::array())) {
        if (edge.value("level", 0) == 1) {
            at.push_back(record.value("t0_ns", std::int64_t{0}) +
                         edge.value("actual_us", std::int64_t{0}) * 1000);
        }
    }
    return at;
}

TEST(FleetFaults, ARigStoppedPastItsLeasePressesNothingWhenContinued) {
    Broker broker({"bay-1"});
    FleetRig rig(broker, "bay-1", "mini-r50", false); // real time: a session takes seconds
    ASSERT_TRUE(eventually([&] { return rig.connected(); }, 10s));
    ScratchFolder reports;
    FleetCommand batch(broker, batch_of("bay-1", "--keep 1 --spares 2 --lease-s 10", reports));
    ASSERT_TRUE(batch.says("started on bay-1", 15s)) << batch.printed();
    // Into its first session's learn step: fob buttons pressed.
    ASSERT_TRUE(eventually(
        [&] { return rig.fobrig("--json status").output.find("\"learn\"") != std::string::npos; },
        30s));
    std::this_thread::sleep_for(2s); // it starts 1 s after the step, and holds unlock 4.3 s
    rig.signal(SIGSTOP);
    const std::int64_t stopped = steady_ns();
    std::this_thread::sleep_for(13s); // past the lease; the client's renewals wait at the broker
    rig.signal(SIGCONT);

    // Heard lost meanwhile, it came back on the same boot: its job came back stopped by the
    // lease's end, resumable on the rig.
    EXPECT_EQ(batch.exited(60s), 1) << batch.printed();
    const std::string out = batch.printed();
    EXPECT_THAT(out, HasSubstr("stopped on bay-1: the fleet lease ended")) << out;
    EXPECT_THAT(out, HasSubstr("fobrig batch --resume batch-")) << out;
    // The session it was in: stopped, and not one contact closed once the rig went on.
    const nlohmann::json record = json_of(rig.fobrig("--json show latest"));
    EXPECT_EQ(record.value("outcome", ""), "aborted") << record.dump();
    EXPECT_THAT(record.value("reason", ""), HasSubstr("the fleet lease ended"));
    const auto closings = closings_of(record);
    EXPECT_FALSE(closings.empty()) << "stopped before its first press: the test proves nothing";
    for (const std::int64_t at : closings) {
        EXPECT_LT(at, stopped);
    }
    // Idle, holding no lease, until it is leased again.
    const Outcome status = rig.fobrig("status");
    EXPECT_THAT(status.output, Not(HasSubstr("leased to"))) << status.output;
    EXPECT_THAT(status.output, HasSubstr("idle: rig")) << status.output;
}

TEST(FleetFaults, AKilledClientsLeaseEndsTheRigGoesIdleAndKeepsTheResultForItsReturn) {
    Broker broker({"bay-1"});
    FleetRig rig(broker, "bay-1", "mini-r50", false);
    ASSERT_TRUE(eventually([&] { return rig.connected(); }, 10s));
    ScratchFolder reports;
    FleetCommand batch(broker, batch_of("bay-1", "--keep 1 --spares 2 --lease-s 10", reports));
    ASSERT_TRUE(batch.says("started on bay-1", 15s)) << batch.printed();
    batch.signal(SIGKILL);
    // Nobody renews its lease: the rig stops its campaign and goes idle by itself.
    ASSERT_TRUE(eventually(
        [&] { return rig.fobrig("status").output.find("idle: rig") != std::string::npos; }, 30s));
    EXPECT_THAT(rig.fobrig("status").output, Not(HasSubstr("leased to")));
    EXPECT_THAT(rig.fobrig("--json show latest").output, HasSubstr("the fleet lease ended"));
    // Killed and started again meanwhile, the rig speaks with a new boot epoch.
    const auto epoch = [&] { return rig.status()["fleet"]["epoch"]; };
    const auto first_boot = epoch();
    rig.signal(SIGKILL);
    rig.start();
    ASSERT_TRUE(eventually([&] { return rig.connected(); }, 10s));
    EXPECT_NE(epoch(), first_boot);

    // The client, back, saves the result the rig kept for it across its restart: the job
    // stopped, resumable.
    const Outcome back = fleet(broker, "results --report-dir " + reports.path.string());
    EXPECT_EQ(back.status, 0) << back.output;
    EXPECT_THAT(back.output, HasSubstr("bay-1          stopped   the fleet lease ended"));
    EXPECT_THAT(back.output, HasSubstr("; go on with `fobrig batch --resume ")) << back.output;
    const auto saved = std::distance(std::filesystem::directory_iterator(reports.path), {});
    EXPECT_EQ(saved, 1) << back.output;
    // Acknowledged once saved: the rig keeps it no more.
    const Outcome again =
        fleet(broker, "results --listen-ms 6000 --report-dir " + reports.path.string());
    EXPECT_THAT(again.output, HasSubstr("no rig keeps a result for the fleet")) << again.output;
}

TEST(FleetFaults, ACampaignGoesOnThroughABrokerRestartAndNothingIsPressedTwice) {
    Broker broker({"bay-1", "bay-2"});
    FleetRig slow(broker, "bay-1", "mini-r50", false); // real time: its job outlasts the restart
    FleetRig quick(broker, "bay-2");
    ASSERT_TRUE(eventually([&] { return slow.connected() && quick.connected(); }, 10s));
    ScratchFolder reports;
    FleetCommand batch(broker, batch_of("bay-1,bay-2", "--keep 1 --spares 2", reports));
    ASSERT_TRUE(batch.says("started on bay-1", 15s)) << batch.printed();
    ASSERT_TRUE(batch.says("done on bay-2", 15s)) << batch.printed();
    broker.stop();
    std::this_thread::sleep_for(2s);
    broker.start();

    EXPECT_EQ(batch.exited(180s), 0) << batch.printed();
    const std::string out = batch.printed();
    EXPECT_THAT(out, HasSubstr("done on bay-1")) << out;
    EXPECT_THAT(out, Not(HasSubstr("indeterminate"))) << out;
    // One campaign on each rig, each of its two sessions run once: a command the broker
    // delivered again was answered, not done twice.
    for (const FleetRig* rig : {&slow, &quick}) {
        const Outcome runs = rig->fobrig("--json runs");
        const auto brace = runs.output.find('[');
        ASSERT_NE(brace, std::string::npos) << runs.output;
        EXPECT_EQ(nlohmann::json::parse(runs.output.substr(brace)).size(), 2u) << runs.output;
    }
}

} // namespace
} // namespace fobrig::testing
