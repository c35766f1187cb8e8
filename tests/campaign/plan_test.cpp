// Planning a campaign: rounds of at most the car's key-table size, the kept keys last, swaps
// when there are more fobs than slots, and the campaigns that are refused.
#include "campaign_fixture.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace fobrig::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// The fobs of each round, by number.
std::vector<std::vector<int>> round_numbers(const CampaignPlan& plan) {
    std::vector<std::vector<int>> rounds;
    for (const auto& round : plan.rounds) {
        rounds.emplace_back();
        for (const int f : round.fobs) {
            rounds.back().push_back(plan.fobs[f].number);
        }
    }
    return rounds;
}

std::vector<int> range(int from, int to) {
    std::vector<int> numbers;
    for (int n = from; n <= to; ++n) {
        numbers.push_back(n);
    }
    return numbers;
}

struct Planning : ::testing::Test {
    Procedure procedure = mini_procedure();
    Rig eight = shipped_rig("sim-8");
    Rig two = shipped_rig("sim-2");
};

TEST_F(Planning, ProgramsAtMostFourSparesARoundAndTheKeptKeysLast) {
    const CampaignPlan plan = plan_campaign(batch({1, 2}, range(3, 8)), procedure, eight);
    EXPECT_THAT(round_numbers(plan),
                ElementsAre(ElementsAre(3, 4, 5, 6), ElementsAre(7, 8), ElementsAre(1, 2)));
    EXPECT_EQ(plan.rounds.back().kind, RoundKind::restore);
    for (const auto& round : plan.rounds) {
        EXPECT_THAT(round.swaps, IsEmpty());
    }
    EXPECT_EQ(plan.fobs[0].label, "1");
    EXPECT_EQ(plan.fobs[5].slot, 6);
}

TEST_F(Planning, KeepsFourKeysWithTheSparesInTheOtherSlots) {
    const CampaignPlan plan = plan_campaign(batch({1, 2, 3, 4}, range(5, 8)), procedure, eight);
    EXPECT_THAT(round_numbers(plan), ElementsAre(ElementsAre(5, 6, 7, 8), ElementsAre(1, 2, 3, 4)));
}

TEST_F(Planning, PromptsSwapsWhenThereAreMoreFobsThanSlots) {
    const CampaignPlan plan = plan_campaign(
        batch({1, 2}, range(3, 10), {{3, "ebay-A"}, {9, "ebay-C"}}), procedure, eight);
    EXPECT_THAT(round_numbers(plan),
                ElementsAre(ElementsAre(3, 4, 5, 6), ElementsAre(9, 10, 7, 8), ElementsAre(1, 2)));
    const auto& swaps = plan.rounds[1].swaps;
    ASSERT_EQ(swaps.size(), 2u);
    EXPECT_EQ(swap_text(swaps[0], plan.fobs), "Put fob ebay-C in slot 3 (take out fob ebay-A)");
    EXPECT_EQ(swap_text(swaps[1], plan.fobs), "Put fob 10 in slot 4 (take out fob 4)");
    EXPECT_THAT(plan.rounds[0].swaps, IsEmpty());
    EXPECT_THAT(plan.rounds[2].swaps, IsEmpty());
}

TEST_F(Planning, OnTwoSlotsTestsOneSpareARoundInTheSlotTheKeptKeyLeaves) {
    const CampaignPlan plan = plan_campaign(batch({1}, {2, 3, 4}), procedure, two);
    EXPECT_THAT(round_numbers(plan),
                ElementsAre(ElementsAre(2), ElementsAre(3), ElementsAre(4), ElementsAre(1)));
    ASSERT_EQ(plan.rounds[2].swaps.size(), 1u);
    EXPECT_EQ(swap_text(plan.rounds[2].swaps[0], plan.fobs),
              "Put fob 4 in slot 2 (take out fob 3)");
}

TEST_F(Planning, AKeptKeyNumberedBeyondTheSlotsGoesInTheFirstFreeSlot) {
    const CampaignPlan plan = plan_campaign(batch({9}, {2}), procedure, two);
    EXPECT_EQ(plan.fobs[0].slot, 1);
    ASSERT_EQ(plan.rounds.back().swaps.size(), 1u);
    EXPECT_EQ(swap_text(plan.rounds.back().swaps[0], plan.fobs), "Put fob 9 in slot 1");
}

TEST_F(Planning, VerifyingOnlyChecksTheKeptKeysWithTheSparesAndRestoresNothing) {
    CampaignRequest request = batch({1, 2}, range(3, 10));
    request.verify_only = true;
    const CampaignPlan plan = plan_campaign(request, procedure, eight);
    EXPECT_THAT(round_numbers(plan),
                ElementsAre(ElementsAre(1, 2, 3, 4, 5, 6, 7, 8), ElementsAre(9, 10)));
    EXPECT_EQ(plan.rounds.back().kind, RoundKind::test);
}

TEST_F(Planning, RefusesWhatCannotEndWithTheOwnersKeys) {
    EXPECT_THAT(campaign_refusals(batch({}, {3, 4}), procedure, eight),
                ElementsAre(HasSubstr("name the keys the car keeps")));
    EXPECT_THAT(campaign_refusals(batch(range(1, 5), {6}), procedure, eight),
                ElementsAre(HasSubstr("the car keeps at most 4 keys")));
    EXPECT_THAT(campaign_refusals(batch({1, 2}, {3}), procedure, two),
                ElementsAre(HasSubstr("the rig has 2 slots")));
    EXPECT_THAT(campaign_refusals(batch({1}, {3, 3}), procedure, eight),
                ElementsAre(HasSubstr("fob 3 is given twice"), HasSubstr("the label 3")));
    EXPECT_THROW(plan_campaign(batch({}, {3}), procedure, eight), std::invalid_argument);
}

// A car that does not erase every other key when it learns one keeps spares after the
// restoring round: an additive car always, a stacking one unless the kept keys fill it.
TEST_F(Planning, RefusesACarWhoseKeyTableWouldKeepASpare) {
    procedure.applies_to.key_table = KeyTablePolicy::additive;
    EXPECT_THAT(campaign_refusals(batch({1, 2}, {3}), procedure, eight),
                ElementsAre(HasSubstr("a spare programmed by a campaign would stay in it")));
    CampaignRequest verify_only = batch({1, 2}, {3});
    verify_only.verify_only = true;
    EXPECT_THAT(campaign_refusals(verify_only, procedure, eight), IsEmpty());

    procedure.applies_to.key_table = KeyTablePolicy::stacking;
    EXPECT_THAT(campaign_refusals(batch({1, 2}, {5}), procedure, eight),
                ElementsAre(HasSubstr("the car keeps the newest 4 keys, a new one erasing the "
                                      "oldest: restoring 2 kept keys would leave the newest "
                                      "spares in it; keep 4 keys")));
    EXPECT_THAT(campaign_refusals(batch(range(1, 4), {5}), procedure, eight), IsEmpty());
}

TEST_F(Planning, TheProgressGoesThroughJsonUnchanged) {
    CampaignProgress progress =
        start_progress(plan_campaign(batch({1, 2}, range(3, 10)), procedure, eight));
    progress.runs.push_back(
        {.round = 1,
         .kind = CampaignRunKind::program,
         .run_id = "r1",
         .outcome = RunOutcome::passed,
         .attempts = 1,
         .fobs = {
             {.fob = 2, .programmed = true, .lock = true, .latency_ms = 215.9, .presses = 7}}});
    progress.running = CampaignRun{.round = 2, .kind = CampaignRunKind::program};
    const nlohmann::json json = progress_to_json(progress);
    EXPECT_EQ(progress_to_json(progress_from_json(json)), json);
    EXPECT_TRUE(json["runs"][0]["fobs"][0]["unlock"].is_null());
}

} // namespace
} // namespace fobrig::testing
