// "Round 2 of 3, about 4 min left": the campaign's pace from its progress and the time taken.
#include "rig/campaign/campaign_pace.hpp"

#include <gtest/gtest.h>

namespace fobrig {
namespace {

using namespace std::chrono_literals;

CampaignProgress three_rounds() {
    CampaignProgress progress;
    progress.plan.rounds = {
        {.number = 1}, {.number = 2}, {.number = 3, .kind = RoundKind::restore}};
    return progress;
}

TEST(CampaignPace, NoEstimateBeforeARoundHasEnded) {
    CampaignProgress progress = three_rounds();
    progress.running = CampaignRun{.round = 1};
    const CampaignPace pace = campaign_pace(progress, 90s, 1);
    EXPECT_EQ(pace.round, 1);
    EXPECT_EQ(pace.rounds, 3);
    EXPECT_FALSE(pace.time_left.has_value());
}

TEST(CampaignPace, TheRoundsLeftGoAtTheMeanPaceOfThoseThatEnded) {
    CampaignProgress progress = three_rounds();
    progress.runs = {{.round = 1}};
    progress.running = CampaignRun{.round = 2};
    // Round 1 took 100 s: rounds 2 and 3 should take about 200 s.
    EXPECT_EQ(campaign_pace(progress, 100s, 1).time_left, Duration(200s));
    // Between runs (at a swap) the last finished run's round is still the one under way.
    progress.running.reset();
    EXPECT_EQ(campaign_pace(progress, 100s, 1).round, 1);
}

TEST(CampaignPace, AResumedCampaignCountsOnlyTheRoundsEndedSinceIt) {
    CampaignProgress progress = three_rounds();
    progress.runs = {{.round = 1}, {.round = 2}};
    progress.running = CampaignRun{.round = 2};
    EXPECT_FALSE(campaign_pace(progress, 30s, 2).time_left.has_value());
    progress.running = CampaignRun{.round = 3};
    EXPECT_EQ(campaign_pace(progress, 50s, 2).time_left, Duration(50s));
}

TEST(CampaignPace, AFinishedCampaignHasNothingLeft) {
    CampaignProgress progress = three_rounds();
    progress.runs = {{.round = 3}};
    progress.finished = true;
    EXPECT_EQ(campaign_pace(progress, 300s, 1).time_left, Duration{});
    EXPECT_EQ(campaign_pace(progress, 300s, 1).round, 3);
}

} // namespace
} // namespace fobrig
