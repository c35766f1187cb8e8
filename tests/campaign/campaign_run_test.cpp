// Whole campaigns on the simulated Mini in virtual time: faulty fobs among good ones, rolling
// codes run ahead, an abort, a halt, a crash and a resume, and the swaps of a small rig.
#include "campaign_fixture.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace fobrig::testing {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using ::testing::UnorderedElementsAre;

const std::vector<int> spares_3_to_8{3, 4, 5, 6, 7, 8};
// The car's key table with exactly the kept keys 1 and 2.
const auto holds_1_and_2 = UnorderedElementsAre(CampaignBench::fob_id(1), CampaignBench::fob_id(2));

const FobReport& fob(const CampaignReport& report, int number) {
    for (const auto& f : report.fobs) {
        if (f.number == number) {
            return f;
        }
    }
    throw std::out_of_range("no fob " + std::to_string(number));
}

// The fob numbers with this result.
std::vector<int> with(const CampaignReport& report, FobClass result) {
    std::vector<int> numbers;
    for (const auto& f : report.fobs) {
        if (f.result == result) {
            numbers.push_back(f.number);
        }
    }
    return numbers;
}

TEST(Campaign, FindsTheFlatBatteryAndTheBrokenButtonAndLeavesTheCarWithTheKeptKeys) {
    CampaignBench bench(
        {.flat_battery_slots = {4}, .broken_buttons = {{6, sim::ButtonMask{.lock = true}}}});
    const CampaignReport report = bench.run(batch({1, 2}, spares_3_to_8, {{3, "ebay-A"}}));

    EXPECT_THAT(with(report, FobClass::fails), ElementsAre(4, 6));
    EXPECT_THAT(with(report, FobClass::works), ElementsAre(1, 2, 3, 5, 7, 8));
    for (const int failing : {4, 6}) {
        EXPECT_THAT(fob(report, failing).reason, AllOf(HasSubstr("no telegram from it reached"),
                                                       HasSubstr("check its battery")));
        EXPECT_FALSE(fob(report, failing).programmed);
    }
    const FobReport& kept = fob(report, 1);
    EXPECT_TRUE(kept.programmed && kept.lock_verified && kept.unlock_verified);
    EXPECT_EQ(kept.round, 3);
    ASSERT_TRUE(kept.latency_ms.has_value());
    EXPECT_GT(*kept.latency_ms, 150.0);
    EXPECT_LT(*kept.latency_ms, 400.0);
    EXPECT_EQ(fob(report, 3).label, "ebay-A");
    EXPECT_EQ(fob(report, 3).attempts, 3); // its round failed twice for fobs 4 and 6
    EXPECT_EQ(fob(report, 7).attempts, 1);
    EXPECT_EQ(fob(report, 7).presses, 6); // unlock held, three lock taps, then lock, unlock

    EXPECT_EQ(report.restored, true);
    EXPECT_TRUE(report.finished);
    EXPECT_EQ(report.car_keys.state, CarKeys::State::known);
    EXPECT_TRUE(report.car_keys.kept_keys_only);
    EXPECT_THAT(bench.key_table(), holds_1_and_2);

    const std::string table = campaign_table(report);
    EXPECT_THAT(table, HasSubstr("6 work, 0 work after resync, 2 fail, 0 not tested"));
    EXPECT_THAT(table, HasSubstr("the kept keys 1, 2 were programmed again in the last round"));
    EXPECT_THAT(table, HasSubstr("1 (kept)"));
    const std::string csv = campaign_csv(report);
    EXPECT_THAT(csv, HasSubstr("\n3,ebay-A,no,3,1,yes,yes,yes,"));
    EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 9);
    const nlohmann::json json = campaign_json(report);
    EXPECT_EQ(json["fobs"][3]["result"], "fails");
    EXPECT_EQ(json["restored"], true);
    EXPECT_EQ(json["car_keys"]["state"], "known");
}

TEST(Campaign, ClassifiesFobsWhoseCountersRanAheadAsTheCarAnswersThem) {
    // The car already holds fobs 1-3; they were pressed 10, 100 and 40000 times away from it.
    CampaignBench bench({.counter_ahead = {{1, 10}, {2, 100}, {3, 40000}}});
    CampaignRequest request = batch({}, {1, 2, 3});
    request.verify_only = true;
    const CampaignReport report = bench.run(request);

    EXPECT_EQ(fob(report, 1).result, FobClass::works);
    // Fob 2's verify-lock presses again (confirm.presses), which resynchronises it in the
    // first run; fob 3 is beyond any resync: three presses of each verify step, in two runs.
    EXPECT_EQ(fob(report, 2).result, FobClass::works_after_resync);
    EXPECT_THAT(fob(report, 2).reason, HasSubstr("resynchronised"));
    EXPECT_EQ(fob(report, 2).attempts, 1);
    EXPECT_EQ(fob(report, 3).result, FobClass::fails);
    EXPECT_THAT(fob(report, 3).reason, HasSubstr("rolling code ran too far ahead"));
    EXPECT_EQ(fob(report, 3).presses, 12);
    EXPECT_FALSE(report.restored.has_value());
    EXPECT_EQ(report.car_keys.state, CarKeys::State::untouched);
    EXPECT_THAT(bench.started, ElementsAre(SizeIs(3), SizeIs(1)));
}

TEST(Campaign, ProgrammingAgainBringsAFobTooFarAheadBack) {
    CampaignBench bench({.counter_ahead = {{3, 40000}}});
    const CampaignReport report = bench.run(batch({1}, {3}));
    EXPECT_EQ(fob(report, 3).result, FobClass::works);
}

TEST(Campaign, WarnsOfAFobPressedOftenWithoutAnAnswer) {
    CampaignBench bench({.flat_battery_slots = {3}});
    const CampaignReport report = bench.run(batch({1}, {3}));
    EXPECT_THAT(fob(report, 3).warning, HasSubstr("pressed 12 times without an answer"));
    EXPECT_THAT(fob(report, 1).warning, IsEmpty());
    EXPECT_THAT(campaign_table(report), HasSubstr("warning: fob 3 pressed 12 times"));
}

TEST(Campaign, AnAbortInRoundTwoGoesStraightToRestoringTheKeptKeys) {
    CampaignBench bench;
    StepTrigger abort_at_fob_7("learn", 7, [&] { bench.stop.stop_testing(); });
    const CampaignReport report = bench.run(batch({1, 2}, spares_3_to_8), &abort_at_fob_7);

    EXPECT_TRUE(report.testing_stopped);
    EXPECT_THAT(report.stop_reason, HasSubstr("stopped during round 2"));
    EXPECT_THAT(with(report, FobClass::works), ElementsAre(1, 2, 3, 4, 5, 6));
    EXPECT_THAT(with(report, FobClass::not_tested), ElementsAre(7, 8));
    EXPECT_EQ(report.restored, true);
    EXPECT_TRUE(report.finished);
    EXPECT_THAT(bench.key_table(), holds_1_and_2);
    EXPECT_THAT(campaign_table(report), HasSubstr("testing stopped"));
}

TEST(Campaign, AHaltStopsTheRestoringRoundTooAndAResumeFinishesIt) {
    CampaignBench bench;
    StepTrigger halt_in_restoring("learn", 2, [&] { bench.stop.halt(); });
    const CampaignReport halted = bench.run(batch({1, 2}, {3, 4}), &halt_in_restoring);
    EXPECT_FALSE(halted.finished);
    EXPECT_EQ(halted.car_keys.state, CarKeys::State::uncertain);

    const auto interrupted = recover(bench.store);
    ASSERT_TRUE(interrupted.has_value());
    EXPECT_EQ(interrupted->campaign_id, "batch-1");
    EXPECT_THAT(interrupted->text, AllOf(HasSubstr("the car may hold none of the kept keys"),
                                         HasSubstr("fobrig batch --resume batch-1")));

    CampaignStop fresh;
    const CampaignReport resumed = bench.resume("batch-1", fresh);
    EXPECT_TRUE(resumed.finished);
    EXPECT_EQ(resumed.restored, true);
    EXPECT_THAT(with(resumed, FobClass::works), ElementsAre(1, 2, 3, 4));
    EXPECT_FALSE(recover(bench.store).has_value());
}

TEST(Campaign, ResumesAfterACrashInRoundTwoWithoutTestingAnythingTwice) {
    const CampaignRequest request = batch({1, 2}, spares_3_to_8, {{3, "ebay-A"}});
    const sim::SimFaults faults{.flat_battery_slots = {7}};

    CampaignBench whole(faults);
    const CampaignReport uninterrupted = whole.run(request);

    // The process dies as round 2's session ends, before its result is saved.
    CampaignBench bench(faults);
    CrashingStore store([](const CampaignProgress& p) {
        return p.runs.size() == 2 && p.runs.back().round == 2 && !p.running;
    });
    EXPECT_THROW(bench.run_on(request, store, bench.stop), SimulatedCrash);
    const auto interrupted = recover(store);
    ASSERT_TRUE(interrupted.has_value());
    EXPECT_EQ(interrupted->report.car_keys.state, CarKeys::State::uncertain);
    EXPECT_EQ(with(interrupted->report, FobClass::works), (std::vector<int>{3, 4, 5, 6}));
    const std::size_t runs_before = bench.started.size();

    // A new runner on the same store and car.
    CampaignStop fresh;
    const CampaignReport resumed =
        resume_campaign("batch-1", bench.procedure, bench.rig, bench.services(store, fresh));
    EXPECT_EQ(campaign_csv(resumed), campaign_csv(uninterrupted));
    EXPECT_EQ(resumed.restored, true);
    EXPECT_THAT(with(resumed, FobClass::fails), ElementsAre(7));
    // Round 1 is not done again; round 2 is, since its result was lost, then the restoring.
    const std::vector<std::vector<FobUnderTest>> after(bench.started.begin() + runs_before,
                                                       bench.started.end());
    ASSERT_EQ(after.size(), 2u);
    EXPECT_EQ(after[0].front().slot, 7);
    EXPECT_EQ(after[1].front().slot, 1);
    EXPECT_EQ(whole.started.size() + 1, bench.started.size());
    EXPECT_THAT(bench.key_table(), holds_1_and_2);
}

TEST(Campaign, ResumingAFinishedCampaignRunsNothing) {
    CampaignBench bench;
    const CampaignReport first = bench.run(batch({1}, {2}));
    const std::size_t runs = bench.started.size();
    const CampaignReport again = bench.resume("batch-1", bench.stop);
    EXPECT_EQ(bench.started.size(), runs);
    EXPECT_EQ(campaign_json(again), campaign_json(first));
    EXPECT_THROW(bench.run(batch({1}, {2})), std::invalid_argument);
}

TEST(Campaign, PromptsTheOperatorToSwapFobsOnASmallRig) {
    CampaignBench bench({}, "sim-2");
    CampaignRequest request = batch({1}, {2, 3, 4}, {{3, "ebay-C"}});
    request.rig_name = "sim-2";
    const CampaignReport report = bench.run(request);
    EXPECT_THAT(bench.console.prompts, Contains("Put fob ebay-C in slot 2 (take out fob 2)"));
    EXPECT_THAT(bench.console.prompts, Contains("Put fob 4 in slot 2 (take out fob ebay-C)"));
    EXPECT_THAT(with(report, FobClass::works), ElementsAre(1, 2, 3, 4));
    EXPECT_EQ(report.rounds_done, 4);
}

} // namespace
} // namespace fobrig::testing
