// Checking a procedure against a rig: wiring, sense inputs, max-hold and slots.
#include "rig/config/procedure_file.hpp"
#include "rig/config/rig_file.hpp"
#include "rig/core/procedure_check.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace fobrig {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;

struct ProcedureCheck : ::testing::Test {
    Procedure mini =
        load_procedure_file(FOBRIG_CONFIG_DIR "/procedures/mini-r50-2004.toml").value.value();
    Rig rig = load_rig_file(FOBRIG_CONFIG_DIR "/rigs/sim-2.toml").value.value();

    // The learn step played its first way, as a step of its own, for the tests to change.
    ProcedureCheck() { learn() = played_as(learn(), &learn().variants.front()); }

    SequenceStep& learn() { return std::get<SequenceStep>(mini.steps.at(1).body); }
    SequenceStep& verify_lock() { return std::get<SequenceStep>(mini.steps.at(3).body); }

    std::vector<std::string> messages(const std::vector<int>& slots) {
        std::vector<std::string> out;
        for (const Problem& problem : check_procedure_against_rig(mini, rig, slots)) {
            out.push_back(problem.message);
        }
        return out;
    }
};

TEST_F(ProcedureCheck, FindsNothingWrongWithTheShippedProcedureAlone) {
    EXPECT_TRUE(check_procedure(mini).empty());
}

TEST_F(ProcedureCheck, ReportsAButtonThatARequestedSlotDoesNotWire) {
    verify_lock().actions[0].press = {"boot"};
    verify_lock().actions[1].release = {"boot"};
    std::erase_if(rig.outputs,
                  [](const OutputChannel& o) { return o.slot == 2 && o.button == "boot"; });
    EXPECT_THAT(messages({1, 2}), ElementsAre("slot 2 has no 'boot' button wired"));
    EXPECT_THAT(messages({1}), ElementsAre());
}

TEST_F(ProcedureCheck, ReportsTheUnwiredButtonAtTheActionThatFirstPressesIt) {
    verify_lock().actions[0].press = {"boot"};
    verify_lock().actions[1].release = {"boot"};
    std::erase_if(rig.outputs, [](const OutputChannel& o) { return o.button == "boot"; });
    const auto problems = check_procedure_against_rig(mini, rig, {1});
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].pos.line, verify_lock().actions[0].pos.line);
}

TEST_F(ProcedureCheck, ReportsAConfirmationRoleThatIsNoSenseInput) {
    learn().confirm->pattern = {"lock", "indicator"};
    EXPECT_THAT(messages(rig.slots),
                ElementsAre("confirmation names sense input 'indicator', which the rig does not "
                            "wire"));
}

TEST_F(ProcedureCheck, ReportsAPressLongerThanTheChannelsMaxHoldInEachSlot) {
    learn().actions.back().at = seconds(9);
    EXPECT_THAT(messages(rig.slots),
                ElementsAre("'unlock' is held 9000 ms; with its switch's latencies (6 ms operate, "
                            "4 ms release) and tolerance_ms its line may stay driven 9022 ms, not "
                            "under slot 1 unlock's max_hold_ms of 8000 ms",
                            "'unlock' is held 9000 ms; with its switch's latencies (6 ms operate, "
                            "4 ms release) and tolerance_ms its line may stay driven 9022 ms, not "
                            "under slot 2 unlock's max_hold_ms of 8000 ms"));
}

TEST_F(ProcedureCheck, MeasuresAHoldAcrossActionsWithTheSwitchLatenciesAndTolerance) {
    for (OutputChannel& output : rig.outputs) {
        output.max_hold = milliseconds(4323); // the learn step's 4.3 s hold of unlock, driven
    }
    EXPECT_THAT(messages({1}), ElementsAre());
    rig.outputs[1].max_hold = milliseconds(4322); // slot 1 unlock: the guard would cut it
    EXPECT_THAT(messages({1}),
                ElementsAre("'unlock' is held 4300 ms; with its switch's latencies (6 ms operate, "
                            "4 ms release) and tolerance_ms its line may stay driven 4322 ms, not "
                            "under slot 1 unlock's max_hold_ms of 4322 ms"));
}

TEST_F(ProcedureCheck, ReportsARequestedSlotTheRigDoesNotHave) {
    const auto problems = check_procedure_against_rig(mini, rig, {1, 3});
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].message, "slot 3 is not wired in rig 'sim-2' (its slots: 1, 2)");
    EXPECT_EQ(problems[0].pos.line, 0);
}

TEST_F(ProcedureCheck, IncludesTheProcedureOnlyRulesSoTheEngineNeedsOneCall) {
    learn().windows[0].max = milliseconds(3900);
    EXPECT_THAT(check_procedure_against_rig(mini, rig, rig.slots),
                ElementsAre(Field(&Problem::message,
                                  "press3 comes 4 s after hold, the window allows 3.9 s (100 ms "
                                  "too late)")));
}

TEST_F(ProcedureCheck, RefusesAnActionThatBothPressesAndReleasesAButton) {
    learn().actions[2].press = {"lock"};
    EXPECT_THAT(check_procedure(mini),
                ElementsAre(Field(&Problem::message,
                                  "action 'lift1' both presses and releases 'lock'; split it in "
                                  "two")));
}

TEST_F(ProcedureCheck, RefusesASequenceWithoutActions) {
    verify_lock().actions.clear();
    EXPECT_THAT(check_procedure(mini),
                ElementsAre(Field(&Problem::message, "step 'verify-lock' has no actions")));
}

} // namespace
} // namespace fobrig
