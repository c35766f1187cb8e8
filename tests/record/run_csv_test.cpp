// Tests the CSV rows: order, columns, quoting.
#include "rig/record/run_csv.hpp"

#include "sample_run.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace fobrig {
namespace {

using test::lines_of;

TEST(RunCsv, WritesAHeaderAndOneRowPerEdge) {
    const RunRecord record = test::sample_run();
    const auto rows = lines_of(to_csv(record));
    ASSERT_EQ(rows.size(), 1 + record.commanded.size() + record.sensed.size());
    EXPECT_EQ(rows[0], "time_us,kind,attempt,step,slot,action,line,level,scheduled_us,error_us,"
                       "flags,target");
}

TEST(RunCsv, MergesCommandedAndSensedEdgesInTimeOrder) {
    const auto rows = lines_of(to_csv(test::sample_run()));
    test::expect_times_ascending(rows, 1);
    EXPECT_EQ(rows[1], "7100000.250,commanded,1,hold,1,lock+unlock,slot1.lock,1,7100000.000,0.250,,"
                       "car not recorded");
    EXPECT_EQ(rows[3], "9100000.900,commanded,1,hold,1,max-hold guard,slot1.unlock,0,9100000.000,"
                       "0.900,FORCED,car not recorded");
    EXPECT_EQ(rows[4], "9103200.007,commanded,1,hold,1,lock+unlock,slot1.lock,0,9100000.000,"
                       "3200.007,LATE,car not recorded");
    EXPECT_EQ(rows[5], "9150000.333,sensed,1,,,,sense.lock,1,,,,car not recorded");
}

TEST(RunCsv, QuotesTextThatHoldsACommaOrAQuote) {
    RunRecord record = test::sample_run();
    record.commanded[4].action = "say \"lock\"";
    const auto rows = lines_of(to_csv(record));
    EXPECT_EQ(rows[7], "12000000.120,commanded,1,\"verify, slot 2\",2,\"say \"\"lock\"\"\","
                       "slot2.lock,1,12000000.000,0.120,,car not recorded");
}

TEST(RunCsv, EveryRowSaysTheCarWasSimulatedAndWhichFaultsWereActive) {
    RunRecord record = test::sample_run();
    record.target = TargetRecord{.simulated = true, .sim_faults = {"dead-receiver", "seed=3"}};
    const auto rows = lines_of(to_csv(record));
    for (std::size_t i = 1; i < rows.size(); ++i) {
        EXPECT_TRUE(rows[i].ends_with(",\"simulated car, faults: dead-receiver, seed=3\""))
            << rows[i];
    }
    record.target = TargetRecord{.simulated = false};
    EXPECT_TRUE(lines_of(to_csv(record))[1].ends_with(",real hardware"));
}

} // namespace
} // namespace fobrig
