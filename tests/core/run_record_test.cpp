// What a run's record says of itself for the verdict: the max-hold guard's openings.
#include "rig/core/run_record.hpp"

#include <gtest/gtest.h>

namespace fobrig {
namespace {

RunRecord two_lines() {
    RunRecord record;
    record.lines = {{.name = "slot1.lock"}, {.name = "slot1.unlock"}};
    return record;
}

TEST(RunRecordText, AContactOpenedByTheMaxHoldGuardIsNamedForTheVerdict) {
    RunRecord record = two_lines();
    record.commanded.push_back({.step_id = "learn", .action = "hold", .line = 1, .active = true});
    record.commanded.push_back(
        {.action = max_hold_guard_action, .line = 1, .active = false, .forced = true});
    EXPECT_EQ(forced_openings_text(record), "the max-hold guard opened slot1.unlock early");
}

TEST(RunRecordText, OpeningsAtTheEndOfARunAreNotTheGuards) {
    RunRecord record = two_lines();
    record.commanded.push_back({.action = "end of run", .line = 0, .forced = true});
    EXPECT_EQ(forced_openings_text(record), "");
}

} // namespace
} // namespace fobrig
