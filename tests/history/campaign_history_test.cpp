// Campaigns in the history database: saved and loaded for resuming, the unfinished one found
// at start, fobs followed by label, and the run history's tables untouched beside them.
#include "rig/history/campaign_history.hpp"

#include "rig/history/history_schema.hpp"
#include "rig/history/run_history.hpp"
#include "rig/history/sqlite_database.hpp"
#include "temp_folder.hpp"

#include <gmock/gmock.h>

namespace fobrig {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class Campaigns : public test::TempFolderTest {
protected:
    std::filesystem::path file() const { return folder_ / "history.sqlite3"; }

    // A plan made by hand: fob A in round 1, the kept key K restored in round 2.
    static CampaignProgress progress(const std::string& id, const std::string& started) {
        CampaignPlan plan{.request = {.id = id,
                                      .procedure_id = "mini-r50-2004",
                                      .rig_name = "sim-8",
                                      .started_utc = started},
                          .fobs = {{.number = 1, .label = "K", .keep = true, .slot = 1},
                                   {.number = 3, .label = "ebay-A", .slot = 3}},
                          .occupants = {{1, 0}, {3, 1}},
                          .rounds = {{.number = 1, .fobs = {1}},
                                     {.number = 2, .kind = RoundKind::restore, .fobs = {0}}}};
        plan.request.fobs = plan.fobs;
        return start_progress(plan);
    }

    static CampaignRun session(int round, CampaignRunKind kind, int fob, bool works) {
        return {.round = round,
                .kind = kind,
                .run_id = "run-" + std::to_string(round),
                .outcome = works ? RunOutcome::passed : RunOutcome::failed,
                .attempts = 1,
                .fobs = {{.fob = fob,
                          .programmed = works,
                          .lock = works,
                          .unlock = works,
                          .latency_ms = 205.9,
                          .presses = 7,
                          .reason = works ? "" : "no lock-unlock cycle"}}};
    }
};

TEST_F(Campaigns, SavesAndLoadsTheProgressAndFindsTheUnfinishedOne) {
    CampaignHistory history(file());
    CampaignProgress done = progress("c-1", "2024-05-01T10:00:00Z");
    done.runs.push_back(session(1, CampaignRunKind::program, 1, true));
    done.runs.push_back(session(2, CampaignRunKind::restore, 0, true));
    done.finished = true;
    history.save(done);
    CampaignProgress cut = progress("c-2", "2024-05-02T10:00:00Z");
    cut.running = CampaignRun{.round = 1, .kind = CampaignRunKind::program};
    history.save(cut);

    const auto loaded = history.load("c-1");
    ASSERT_TRUE(loaded.has_value());
    EXPECT_EQ(progress_to_json(*loaded), progress_to_json(done));
    EXPECT_FALSE(history.load("c-3").has_value());
    const auto unfinished = history.latest_unfinished();
    ASSERT_TRUE(unfinished.has_value());
    EXPECT_EQ(unfinished->plan.request.id, "c-2");

    cut.finished = true;
    history.save(cut);
    EXPECT_FALSE(history.latest_unfinished().has_value());
    const auto reports = history.list(10);
    ASSERT_EQ(reports.size(), 2u);
    EXPECT_EQ(reports[0].id, "c-2");
    EXPECT_EQ(reports[1].restored, true);
}

TEST_F(Campaigns, FollowsAFobByItsLabel) {
    CampaignHistory history(file());
    CampaignProgress first = progress("c-1", "2024-05-01T10:00:00Z");
    first.runs.push_back(session(1, CampaignRunKind::program, 1, false));
    history.save(first);
    CampaignProgress second = progress("c-2", "2024-05-02T10:00:00Z");
    second.runs.push_back(session(1, CampaignRunKind::program, 1, true));
    second.runs.push_back(session(2, CampaignRunKind::restore, 0, true));
    history.save(second);

    const auto all = history.fobs();
    ASSERT_EQ(all.size(), 2u); // K was not tested in c-1: only its c-2 result counts
    EXPECT_EQ(all[0].fob.label, "K");
    EXPECT_EQ(all[1].fob.label, "ebay-A");
    EXPECT_EQ(all[1].campaign_id, "c-2");
    EXPECT_EQ(all[1].fob.result, FobClass::works);
    EXPECT_EQ(all[1].fob.latency_ms, 205.9);

    const auto ebay = history.fob_history("ebay-A");
    ASSERT_EQ(ebay.size(), 2u);
    EXPECT_EQ(ebay[0].campaign_id, "c-2");
    EXPECT_EQ(ebay[1].fob.result, FobClass::fails);
    EXPECT_THAT(ebay[1].fob.reason, HasSubstr("the car took no fob in round 1"));
}

TEST_F(Campaigns, SharesTheFileWithTheRunHistory) {
    {
        RunHistory runs(folder_);
        runs.run_started({.id = "r-1",
                          .started_utc = "2024-05-01T10:00:00Z",
                          .procedure_id = "mini-r50-2004",
                          .rig_name = "sim-8",
                          .mode = "program",
                          .fobs = {{1, "K"}},
                          .status = "running"});
    }
    CampaignHistory campaigns(file());
    campaigns.save(progress("c-1", "2024-05-01T10:00:00Z"));
    RunHistory runs(folder_);
    EXPECT_EQ(runs.list(10).size(), 1u);
    SqliteDatabase database(file());
    EXPECT_EQ(database.user_version(), static_cast<int>(history_migrations().size()));
}

} // namespace
} // namespace fobrig
