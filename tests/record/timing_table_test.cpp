// Tests the operator's timing log and verdict summary: content, order and alignment.
#include "rig/record/timing_table.hpp"

#include "sample_run.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cctype>
#include <string>
#include <vector>

namespace fobrig {
namespace {

using test::lines_of;

using ::testing::HasSubstr;
using ::testing::Not;

// The row whose text holds `needle`.
std::string row_with(const std::vector<std::string>& rows, const std::string& needle) {
    for (const std::string& row : rows) {
        if (row.find(needle) != std::string::npos) {
            return row;
        }
    }
    ADD_FAILURE() << "no row with " << needle;
    return "";
}

TEST(TimingTable, HasAHeaderARuleAndARowPerEvent) {
    const RunRecord record = test::sample_run();
    const auto rows = lines_of(timing_table(record));
    ASSERT_EQ(rows.size(), 2 + record.commanded.size() + record.sensed.size() +
                               record.operator_steps.size() + record.checks.size());
    EXPECT_THAT(rows[0], HasSubstr("time ms"));
    EXPECT_EQ(rows[1].find_first_not_of("- "), std::string::npos);
}

TEST(TimingTable, ListsEventsInTimeOrderInMilliseconds) {
    const auto rows = lines_of(timing_table(test::sample_run()));
    test::expect_times_ascending(rows, 2);
    EXPECT_THAT(rows[2], HasSubstr("operator"));
    EXPECT_THAT(rows[3], HasSubstr("7100.000"));
}

TEST(TimingTable, FlagsLateAndForcedEdges) {
    const auto rows = lines_of(timing_table(test::sample_run()));
    const std::string late = row_with(rows, "9103.200");
    EXPECT_THAT(late, HasSubstr("9100.000"));
    EXPECT_THAT(late, HasSubstr("3200.0"));
    EXPECT_THAT(late, HasSubstr("LATE"));
    EXPECT_THAT(row_with(rows, "max-hold guard"), HasSubstr("FORCED"));
}

TEST(TimingTable, ShowsCarSignalsOperatorStepsAndChecks) {
    const auto rows = lines_of(timing_table(test::sample_run()));
    EXPECT_THAT(row_with(rows, "sense.lock"), HasSubstr("car signal"));
    const std::string step = row_with(rows, "operator");
    EXPECT_THAT(step, Not(HasSubstr("Turn the ignition")));
    EXPECT_THAT(prompt_texts(test::sample_run()),
                HasSubstr(": \"Turn the ignition to 1 and back\"\n"));
    EXPECT_THAT(step, HasSubstr("acknowledged at 6300.000 ms"));
    EXPECT_THAT(step, HasSubstr("ignition on 6.2 s"));
    EXPECT_THAT(row_with(rows, "passed"), HasSubstr("latency 146.800 ms"));
    EXPECT_THAT(row_with(rows, "FAILED"), HasSubstr("car answered unlock, expected lock"));
}

TEST(TimingTable, SaysAtWhichPressACheckThatPressedAgainWasAnswered) {
    RunRecord record = test::sample_run();
    for (CheckRecord& check : record.checks) {
        check.presses = check.passed ? 2 : 3;
    }
    const auto rows = lines_of(timing_table(record));
    EXPECT_THAT(row_with(rows, "passed"), HasSubstr("passed at press 2, latency 146.800 ms"));
    EXPECT_THAT(row_with(rows, "FAILED"), Not(HasSubstr("at press")));
}

TEST(TimingTable, AlignsEveryColumn) {
    const auto rows = lines_of(timing_table(test::sample_run()));
    // Right-aligned numbers end where their header ends; left-aligned text starts where its
    // header starts.
    const std::size_t time_end = rows[0].find("time ms") + std::string("time ms").size();
    const std::size_t line_start = rows[0].find("line");
    for (std::size_t i = 2; i < rows.size(); ++i) {
        EXPECT_TRUE(std::isdigit(static_cast<unsigned char>(rows[i][time_end - 1]))) << rows[i];
        EXPECT_EQ(rows[i][time_end], ' ') << rows[i];
    }
    EXPECT_EQ(row_with(rows, "sense.lock").find("sense.lock"), line_start);
    EXPECT_EQ(row_with(rows, "max-hold guard").find("slot1.unlock"), line_start);
}

// A long prompt no longer widens every row: the edges read in a 100-column terminal.
TEST(TimingTable, EveryEdgeRowFitsAHundredColumns) {
    RunRecord record = test::sample_run();
    record.operator_steps[0].prompt = std::string(300, 'w');
    std::size_t edges = 0;
    for (const std::string& row : lines_of(timing_table(record))) {
        if (row.find(".lock") != std::string::npos || row.find(".unlock") != std::string::npos) {
            ++edges;
            EXPECT_LE(row.size(), 100u) << row;
        }
    }
    EXPECT_EQ(edges, record.commanded.size() + record.sensed.size());
}

TEST(VerdictSummary, GivesEachFobEachAttemptAndTheOutcome) {
    const auto rows = lines_of(verdict_summary(test::sample_run()));
    const std::string fob_b = row_with(rows, "Fob B");
    EXPECT_THAT(fob_b, HasSubstr("FAIL"));
    EXPECT_THAT(fob_b, HasSubstr("car answered unlock, expected lock"));
    EXPECT_EQ(fob_b.find("no"), row_with(rows, "verified").find("verified"));
    EXPECT_THAT(row_with(rows, "Fob A"), HasSubstr("PASS"));
    EXPECT_THAT(verdict_summary(test::sample_run()),
                HasSubstr("attempt 1: FAIL, slot 2 not verified\n"));
    EXPECT_EQ(rows.back(),
              "run 2024-05-01T10-00-00Z-mini (car not recorded): FAILED, 1 of 2 fobs failed");
}

TEST(VerdictSummary, SaysTheInterlockWasInUseWithoutARowPerToggle) {
    RunRecord record = test::sample_run();
    EXPECT_THAT(verdict_summary(record), Not(HasSubstr("interlock")));
    record.interlock = InterlockRecord{
        .line = "pinctrl-bcm2711:23", .period = milliseconds(10), .hold = milliseconds(25)};
    EXPECT_THAT(verdict_summary(record),
                HasSubstr("interlock: the relay board was powered by the enable wave on "
                          "pinctrl-bcm2711:23 (10 ms period, board held 25 ms)\n"));
    EXPECT_EQ(timing_table(record), timing_table(test::sample_run()));
}

} // namespace
} // namespace fobrig
