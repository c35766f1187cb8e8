// One campaign across rigs, as `fobrig fleet batch` runs it: each rig leased and given a job
// (the fobs in its slots), the results merged into one report, the leases given up; a rig that
// was not there gives its job to the next free rig, and says where to move the fobs.
#include "tests/fleet/fleet_fixture.hpp"

#include <gmock/gmock.h>
#include <nlohmann/json.hpp>

#include <set>

namespace fobrig::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Keys 1 and 2 kept, spares 3 to 8 tested on each of `rigs`, for the holder shop-pc.
Outcome mini_batch(const Broker& broker, const std::string& rigs, const ScratchFolder& reports) {
    return fleet(broker, "batch --procedure mini-r50-2004 --rigs " + rigs +
                             " --keep 1,2 --spares 3-8 --holder shop-pc --report-dir " +
                             reports.path.string());
}

TEST(FleetBatch, ACampaignAcrossRigsEndsInOneReportAndAnAbsentRigsJobMoves) {
    Broker broker({"bay-1", "bay-2", "bay-3"});
    FleetRig one(broker, "bay-1");
    FleetRig two(broker, "bay-2", "mini-r50");
    ASSERT_TRUE(eventually([&] { return one.connected() && two.connected(); }, 10s));
    ScratchFolder reports;
    const Outcome batch = mini_batch(broker, "bay-1,bay-2,bay-3", reports);
    EXPECT_EQ(batch.status, 0) << batch.output;
    EXPECT_THAT(batch.output, HasSubstr("rig bay-3 is unheard of: left out"));
    EXPECT_THAT(batch.output, HasSubstr("move the fobs of bay-3 to"));
    // One report: three jobs, every fob of each with the rig it was tested on.
    ASSERT_EQ(std::distance(std::filesystem::directory_iterator(reports.path), {}), 1);
    const auto file = *std::filesystem::directory_iterator(reports.path);
    std::ifstream in(file.path());
    const auto report = nlohmann::json::parse(in);
    ASSERT_EQ(report["jobs"].size(), 3u);
    std::set<std::string> rigs;
    for (const auto& job : report["jobs"]) {
        EXPECT_EQ(job["state"], "done") << job.dump();
        rigs.insert(job["rig"].get<std::string>());
    }
    EXPECT_EQ(rigs, (std::set<std::string>{"bay-1", "bay-2"}));
    EXPECT_EQ(report["jobs"][2]["fobs_put_in"], "bay-3");
    EXPECT_THAT(report["jobs"][2]["note"].get<std::string>(), HasSubstr("moved from bay-3"));
    ASSERT_EQ(report["fobs"].size(), 24u);
    for (const auto& fob : report["fobs"]) {
        EXPECT_EQ(fob["result"], "works") << fob.dump();
        EXPECT_TRUE(fob.contains("rig"));
    }
    // Each rig ran its campaigns, kept in its own history, and holds no lease any more.
    for (const auto& job : report["jobs"]) {
        EXPECT_THAT(job["campaign"].get<std::string>(), ::testing::StartsWith("batch-"));
    }
    for (const FleetRig* rig : {&one, &two}) {
        EXPECT_THAT(rig->fobrig("runs").output, HasSubstr("mini-r50-2004   program"));
        const Outcome status = rig->fobrig("status");
        EXPECT_THAT(status.output, Not(HasSubstr("leased to"))) << status.output;
    }
}

TEST(FleetBatch, ARigKilledMidJobLeavesItIndeterminateAndIsNeverRetriedElsewhere) {
    Broker broker({"bay-1", "bay-2"});
    FleetRig killed(broker, "bay-1", "mini-r50", false); // real time: its job takes minutes
    FleetRig quick(broker, "bay-2");
    ASSERT_TRUE(eventually([&] { return killed.connected() && quick.connected(); }, 10s));
    ScratchFolder reports;
    FleetCommand batch(broker, "batch --procedure mini-r50-2004 --rigs bay-1,bay-2 --keep 1 "
                               "--spares 2 --holder shop-pc --report-dir " +
                                   reports.path.string());
    ASSERT_TRUE(batch.says("started on bay-1", 15s)) << batch.printed();
    std::this_thread::sleep_for(1s); // into its first ritual
    killed.signal(SIGKILL);
    EXPECT_EQ(batch.exited(60s), 1) << batch.printed();
    const std::string out = batch.printed();
    EXPECT_THAT(out, HasSubstr("was lost while the job ran: check the car's key table"));
    EXPECT_THAT(out, HasSubstr("done on bay-2"));
    // bay-2 was free again, yet the lost ritual was not given to it.
    EXPECT_THAT(out, Not(HasSubstr("move the fobs of bay-1")));
}

TEST(FleetBatch, ARigLeasedToAnotherHolderIsLeftOutAndItsJobIsNotRunWithoutAnother) {
    Broker broker({"bay-1"});
    FleetRig one(broker, "bay-1");
    ASSERT_TRUE(eventually([&] { return one.connected(); }, 10s));
    ASSERT_EQ(fleet(broker, "lease bay-1 --holder other-pc --seconds 60").status, 0);
    ScratchFolder reports;
    const Outcome batch = mini_batch(broker, "bay-1", reports);
    EXPECT_EQ(batch.status, 1) << batch.output;
    EXPECT_THAT(batch.output, HasSubstr("rig bay-1 gave no lease: held by other-pc"));
    EXPECT_THAT(batch.output, HasSubstr("not-run"));
}

} // namespace
} // namespace fobrig::testing
