// The shipped procedure and rig load with the values they say, and fit each other.
#include "rig/config/procedure_file.hpp"
#include "rig/config/rig_file.hpp"
#include "rig/core/procedure_check.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

namespace fobrig {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;

const std::string mini_file = FOBRIG_CONFIG_DIR "/procedures/mini-r50-2004.toml";
const std::string sim2_file = FOBRIG_CONFIG_DIR "/rigs/sim-2.toml";

template <class T> T loaded(const LoadResult<T>& result) {
    for (const Diagnostic& error : result.errors) {
        ADD_FAILURE() << format(error);
    }
    return result.value.value_or(T{});
}

Procedure load_mini() {
    return loaded(load_procedure_file(mini_file));
}

Rig load_sim2() {
    return loaded(load_rig_file(sim2_file));
}

const SequenceStep& sequence(const Procedure& procedure, std::size_t index) {
    return std::get<SequenceStep>(procedure.steps.at(index).body);
}

TEST(ShippedProcedure, LoadsWithItsHeaderApplicabilityAndRetry) {
    const Procedure mini = load_mini();
    EXPECT_EQ(mini.id, "mini-r50-2004");
    EXPECT_EQ(mini.applies_to.make, "BMW Mini");
    EXPECT_THAT(mini.applies_to.models, ElementsAre("One", "Cooper", "Cooper S", "One D"));
    EXPECT_EQ(mini.applies_to.year_from, 2004);
    EXPECT_EQ(mini.applies_to.year_to, 2006);
    EXPECT_THAT(mini.applies_to.key_types, ElementsAre("three-button"));
    EXPECT_EQ(mini.applies_to.refused_key_types.size(), 2u);
    EXPECT_THAT(mini.applies_to.refused_key_types.at("ufo"), ::testing::HasSubstr("\"UFO\""));
    EXPECT_EQ(mini.buttons.size(), 3u);
    EXPECT_EQ(mini.prerequisites.size(), 3u);
    EXPECT_EQ(mini.retry.max_attempts, 3);
    EXPECT_EQ(mini.retry.pause, seconds(5));
    EXPECT_EQ(mini.car_session, seconds(30));
    EXPECT_THAT(mini.on_failure, ::testing::HasSubstr("receiver may be faulty"));
}

TEST(ShippedProcedure, LoadsTheOperatorStepsWithTheirLimits) {
    const Procedure mini = load_mini();
    ASSERT_EQ(mini.steps.size(), 5u);
    const auto& enter = std::get<OperatorStep>(mini.steps[0].body);
    EXPECT_EQ(enter.action, OperatorAction::ignition_cycle);
    EXPECT_EQ(enter.timeout, seconds(60));
    EXPECT_EQ(enter.max_ignition_on, seconds(5));
    EXPECT_EQ(mini.steps[0].pos.line, 71);
    const auto& finalise = std::get<OperatorStep>(mini.steps[2].body);
    EXPECT_FALSE(finalise.max_ignition_on.has_value());
}

TEST(ShippedProcedure, LoadsTheLearnSequenceWithItsWindowAndConfirmation) {
    const Procedure mini = load_mini();
    const SequenceStep& learn = sequence(mini, 1);
    EXPECT_EQ(mini.steps[1].id, "learn");
    EXPECT_EQ(learn.purpose, SequencePurpose::program);
    EXPECT_TRUE(learn.each_fob);
    EXPECT_EQ(learn.start_after, seconds(1));
    EXPECT_EQ(learn.start_within, seconds(30));
    EXPECT_EQ(learn.tolerance, milliseconds(20));
    ASSERT_EQ(learn.windows.size(), 1u);
    EXPECT_EQ(learn.windows[0].max, seconds(10));
    EXPECT_EQ(learn.windows[0].pos.line, 91);
    ASSERT_TRUE(learn.confirm.has_value());
    EXPECT_THAT(learn.confirm->pattern, ElementsAre("lock", "unlock"));
    EXPECT_EQ(learn.confirm->after, "release");
    EXPECT_EQ(learn.confirm->within, seconds(3));
}

// The sources' weight: unlock held alone first, the article's chord start second.
TEST(ShippedProcedure, LoadsTheLearnVariantsInTheSourcesOrder) {
    const Procedure mini = load_mini();
    const SequenceStep& learn = sequence(mini, 1);
    ASSERT_EQ(learn.variants.size(), 3u);
    const SequenceVariant& first = learn.variants[0];
    EXPECT_EQ(first.id, "unlock-held");
    EXPECT_EQ(first.pos.line, 103);
    EXPECT_THAT(first.sources,
                Contains("https://www.minimania.com/Reprogram_New_MINI_Keys_R50_52_53"));
    ASSERT_EQ(first.actions.size(), 7u);
    EXPECT_THAT(first.actions[0].press, ElementsAre("unlock"));
    EXPECT_EQ(first.actions[0].pos.line, 114);
    EXPECT_EQ(first.actions[0].pos.column, 5);
    EXPECT_EQ(
        std::ranges::count(first.actions, std::vector<std::string>{"lock"}, &ButtonAction::press),
        3);
    EXPECT_EQ(first.actions[3].at - first.actions[1].at, milliseconds(1500));
    EXPECT_EQ(first.windows.size(), 1u); // the step's, shared
    EXPECT_TRUE(first.confirm.has_value());

    const SequenceVariant& chord = learn.variants[1];
    EXPECT_EQ(chord.id, "chord-start");
    EXPECT_THAT(chord.actions[0].press, ElementsAre("lock", "unlock"));
    EXPECT_EQ(
        std::ranges::count(chord.actions, std::vector<std::string>{"lock"}, &ButtonAction::press),
        2); // the chord is the first of three
    EXPECT_EQ(chord.actions[0].pos.line, 130);

    EXPECT_EQ(learn.variants[2].id, "unlock-held-slow");
    EXPECT_EQ(learn.variants[2].actions[3].at - learn.variants[2].actions[1].at,
              seconds(2) + milliseconds(300));
}

TEST(ShippedProcedure, LoadsTheVerifySequencesWithoutAStartLimit) {
    const Procedure mini = load_mini();
    const SequenceStep& verify = sequence(mini, 3);
    EXPECT_EQ(verify.purpose, SequencePurpose::verify);
    EXPECT_EQ(verify.start_within, Duration{});
    EXPECT_EQ(verify.confirm->within, seconds(2));
}

TEST(ShippedRig, LoadsItsOutputsWithKindDefaultsAndSortedSlots) {
    const Rig rig = load_sim2();
    EXPECT_EQ(rig.name, "sim-2");
    EXPECT_EQ(rig.backend, "sim");
    EXPECT_THAT(rig.slots, ElementsAre(1, 2));
    ASSERT_EQ(rig.outputs.size(), 6u);
    const OutputChannel& lock2 = rig.outputs[3];
    EXPECT_EQ(lock2.slot, 2);
    EXPECT_EQ(lock2.button, "lock");
    EXPECT_EQ(lock2.line.chip, "fobrig-sim");
    EXPECT_EQ(lock2.line.offset, 3u);
    EXPECT_TRUE(lock2.active_low);
    EXPECT_EQ(lock2.kind, SwitchKind::relay);
    EXPECT_EQ(lock2.operate_latency, milliseconds(6));
    EXPECT_EQ(lock2.release_latency, milliseconds(4));
    EXPECT_EQ(lock2.max_hold, seconds(8));
    EXPECT_EQ(rig.outputs[0].pos.line, 9);
}

TEST(ShippedRig, LoadsItsSenseInputs) {
    const Rig rig = load_sim2();
    ASSERT_EQ(rig.senses.size(), 3u);
    EXPECT_EQ(rig.senses[2].role, "ignition");
    EXPECT_EQ(rig.senses[2].line.offset, 10u);
    EXPECT_EQ(rig.senses[2].debounce, milliseconds(10));
    EXPECT_TRUE(rig.senses[2].active_low);
    EXPECT_EQ(rig.senses[2].bias, Bias::pull_up);
}

TEST(ShippedFiles, TheMiniProcedureFitsTheSimulatedRigInEverySlot) {
    const Rig rig = load_sim2();
    for (const Problem& problem : check_procedure_against_rig(load_mini(), rig, rig.slots)) {
        ADD_FAILURE() << problem.pos.line << ": " << problem.message;
    }
}

} // namespace
} // namespace fobrig
