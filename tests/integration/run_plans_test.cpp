// A run's plans are made before its first edge: each way a step may be played, for each fob.
#include "rig/config/procedure_file.hpp"
#include "rig/config/rig_file.hpp"
#include "rig/core/run_plans.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

namespace fobrig {
namespace {

struct Mini {
    Procedure procedure =
        *load_procedure_file(FOBRIG_CONFIG_DIR "/procedures/mini-r50-2004.toml").value;
    Rig rig = *load_rig_file(FOBRIG_CONFIG_DIR "/rigs/sim-2.toml").value;
    const Step& step(const std::string& id) const {
        return *std::ranges::find(procedure.steps, id, &Step::id);
    }
};

TEST(RunPlans, EachVariantOfAStepIsPlannedForEachFobInTheOrderGiven) {
    const Mini mini;
    const RunPlans plans(mini.procedure, mini.rig, {2, 1}, [](const Step&) { return true; });
    const Step& learn = mini.step("learn");
    const auto& seq = std::get<SequenceStep>(learn.body);
    ASSERT_EQ(seq.variants.size(), 3u);
    for (const SequenceVariant& variant : seq.variants) {
        const PlayedWay& way = plans.way(mini.procedure, learn, &variant);
        EXPECT_EQ(way.variant, &variant);
        EXPECT_TRUE(way.step.variants.empty());
        EXPECT_EQ(way.step.actions.size(), variant.actions.size()) << variant.id;
        ASSERT_EQ(way.plans.size(), 2u);
        EXPECT_EQ(way.plans[0].slot, 2);
        EXPECT_EQ(way.plans[1].slot, 1);
        EXPECT_EQ(way.plans[0].edges.front().action, "hold");
    }
    // A step without variants is planned as written.
    const PlayedWay& verify = plans.way(mini.procedure, mini.step("verify-lock"), nullptr);
    EXPECT_EQ(verify.plans.at(1).edges.front().action, "press");
}

TEST(RunPlans, AStepTheRunDoesNotPlayIsNotPlanned) {
    const Mini mini;
    const RunPlans plans(mini.procedure, mini.rig, {1},
                         [](const Step& step) { return step.id != "learn"; });
    const Step& learn = mini.step("learn");
    const auto& seq = std::get<SequenceStep>(learn.body);
    EXPECT_THROW((void)plans.way(mini.procedure, learn, &seq.variants[0]), std::out_of_range);
    EXPECT_THROW((void)plans.way(mini.procedure, mini.step("enter"), nullptr), std::out_of_range);
}

TEST(RunPlans, AButtonTheSlotDoesNotWireIsFoundBeforeTheRun) {
    const Mini mini;
    EXPECT_THROW(RunPlans(mini.procedure, mini.rig, {7}, [](const Step&) { return true; }),
                 std::invalid_argument);
}

} // namespace
} // namespace fobrig
