// The run recorder's line names, and where a read-back contact's edges land in the record.
#include "rig/core/run_recorder.hpp"

#include <gtest/gtest.h>

namespace fobrig {
namespace {

TEST(RunRecorder, NamesReadBackLinesAfterTheSenseInputsAndRecordsTheirEdgesAsSensed) {
    Rig rig;
    rig.outputs.push_back({.slot = 1, .button = "lock"});
    rig.outputs.push_back({.slot = 1, .button = "unlock", .readback = LineRef{.offset = 9}});
    rig.senses.push_back({.role = "lock"});
    RunRecorder recorder{rig, {}};
    const RunRecord& record = recorder.record();
    ASSERT_EQ(record.lines.size(), 4u);
    EXPECT_EQ(record.lines[2].name, "sense.lock");
    EXPECT_EQ(record.lines[3].name, "slot1.unlock.contact");
    EXPECT_FALSE(record.lines[3].output);

    const Instant at = Instant{} + milliseconds(6);
    recorder.sensed(1, {.input = rig.readback_input(1), .active = true, .at = at});
    recorder.sensed(1, {.input = 0, .active = true, .at = at});
    ASSERT_EQ(record.sensed.size(), 2u);
    EXPECT_EQ(record.sensed[0].line, 3u);
    EXPECT_EQ(record.sensed[0].at, at);
    EXPECT_EQ(record.sensed[1].line, 2u);
}

} // namespace
} // namespace fobrig
