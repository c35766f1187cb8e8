// Tests that run.json round-trips exactly and names the field that is wrong.
#include "rig/record/run_json.hpp"

#include "sample_run.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace fobrig {
namespace {

using test::sample_run;
using ::testing::AllOf;
using ::testing::HasSubstr;

// The message run_from_json throws for `json`, or "" when it reads without complaint.
std::string read_error(const nlohmann::json& json) {
    return test::error_of<std::runtime_error>([&] { run_from_json(json); });
}

TEST(RunJson, RoundTripsARecordExactlyThroughText) {
    const RunRecord record = sample_run();
    const auto text = to_json(record).dump(2);
    test::expect_same_record(record, run_from_json(nlohmann::json::parse(text)));
}

TEST(RunJson, SaysWhetherTheCarWasSimulatedAndWithWhichFaults) {
    RunRecord record = sample_run();
    record.target = TargetRecord{.simulated = true, .sim_faults = {"flat-battery=2"}};
    const auto json = to_json(record);
    EXPECT_EQ(json["target"]["simulated"], true);
    EXPECT_EQ(json["target"]["sim_faults"], nlohmann::json::array({"flat-battery=2"}));
    const RunRecord back = run_from_json(json);
    ASSERT_TRUE(back.target);
    EXPECT_TRUE(back.target->simulated);
    EXPECT_EQ(back.target->sim_faults, std::vector<std::string>{"flat-battery=2"});
    // A record from before fobrig said reads as not knowing, never as one kind or the other.
    EXPECT_FALSE(run_from_json(to_json(sample_run())).target);
}

TEST(RunJson, KeepsHowOftenACheckPressedAndReadsOlderRecordsAsOnePress) {
    RunRecord record = sample_run();
    record.checks.front().presses = 2;
    nlohmann::json json = to_json(record);
    EXPECT_EQ(json["checks"][0]["presses"], 2);
    EXPECT_EQ(run_from_json(nlohmann::json::parse(json.dump())).checks.front().presses, 2);
    json["checks"][0].erase("presses");
    EXPECT_EQ(run_from_json(json).checks.front().presses, 1);
    json["checks"][0]["presses"] = 0;
    EXPECT_THAT(read_error(json), HasSubstr("presses"));
}

TEST(RunJson, SaysWhichInterlockTheRunPoweredTheBoardWith) {
    RunRecord record = sample_run();
    EXPECT_FALSE(to_json(record).contains("interlock"));
    record.interlock = InterlockRecord{
        .line = "fobrig-sim:11", .period = microseconds(4000), .hold = milliseconds(25)};
    const auto json = to_json(record);
    EXPECT_EQ(json["interlock"],
              nlohmann::json({{"line", "fobrig-sim:11"}, {"period_us", 4000}, {"hold_us", 25000}}));
    const RunRecord back = run_from_json(json);
    ASSERT_TRUE(back.interlock);
    EXPECT_EQ(back.interlock->line, "fobrig-sim:11");
    EXPECT_EQ(back.interlock->period, microseconds(4000));
    EXPECT_EQ(back.interlock->hold, milliseconds(25));
    EXPECT_FALSE(run_from_json(to_json(sample_run())).interlock);
}

// slot2.lock's relay has a read-back contact: it closed 5 ms after the command, bouncing
// once, and opened 3 ms after the release.
TEST(RunJson, AnUnverifiedRunReadsBackUnverifiedNotPassedOrFailed) {
    RunRecord record = sample_run();
    record.outcome = RunOutcome::unverified;
    const auto json = to_json(record);
    EXPECT_EQ(json["outcome"], "unverified");
    EXPECT_EQ(run_from_json(nlohmann::json::parse(json.dump())).outcome, RunOutcome::unverified);
}

TEST(RunJson, NamesEachOutputsContactAndWritesHowItAnswered) {
    RunRecord record = sample_run();
    record.lines[2].contact = record.lines.size();
    record.lines.push_back({"slot2.lock.contact", false});
    record.sensed.push_back({1, 5, true, record.commanded[4].actual + microseconds(5'000)});
    record.sensed.push_back({1, 5, false, record.commanded[4].actual + microseconds(5'200)});
    record.sensed.push_back({1, 5, true, record.commanded[4].actual + microseconds(5'500)});
    record.sensed.push_back({1, 5, false, record.commanded[5].actual + microseconds(3'000)});
    const auto json = to_json(record);
    EXPECT_EQ(json["lines"][2]["contact"], "slot2.lock.contact");
    EXPECT_FALSE(json["lines"][0].contains("contact"));
    ASSERT_EQ(json["contacts"].size(), 2u);
    EXPECT_EQ(json["contacts"][0]["line"], "slot2.lock");
    EXPECT_EQ(json["contacts"][0]["level"], 1);
    EXPECT_EQ(json["contacts"][0]["followed"], true);
    EXPECT_DOUBLE_EQ(json["contacts"][0]["delay_us"].get<double>(), 5'000.0);
    EXPECT_DOUBLE_EQ(json["contacts"][0]["bounce_us"].get<double>(), 500.0);
    EXPECT_EQ(json["contacts"][0]["bounces"], 2);
    EXPECT_DOUBLE_EQ(json["contacts"][1]["delay_us"].get<double>(), 3'000.0);
    test::expect_same_record(record, run_from_json(nlohmann::json::parse(json.dump())));
}

TEST(RunJson, KeepsNanosecondsADayIntoTheRun) {
    RunRecord record = sample_run();
    record.sensed[0].at = test::after_t0(86'400'000'000'001);
    record.commanded[0].actual = test::after_t0(-1'999);
    const RunRecord back = run_from_json(nlohmann::json::parse(to_json(record).dump()));
    EXPECT_EQ(back.sensed[0].at, record.sensed[0].at);
    EXPECT_EQ(back.commanded[0].actual, record.commanded[0].actual);
}

TEST(RunJson, WritesTimesAsMicrosecondsFromT0) {
    const nlohmann::json json = to_json(sample_run());
    EXPECT_EQ(json["format"], "fobrig-run");
    EXPECT_EQ(json["version"], 1);
    EXPECT_EQ(json["t0_ns"], 5'000'000'000'123);
    const auto& edge = json["commanded"][0];
    EXPECT_EQ(edge["line"], "slot1.lock");
    EXPECT_EQ(edge["level"], 1);
    EXPECT_EQ(edge["scheduled_us"].dump(), "7100000.0");
    EXPECT_EQ(edge["actual_us"].dump(), "7100000.25");
    EXPECT_EQ(edge["error_us"].dump(), "0.25");
    EXPECT_EQ(json["commanded"][2]["actual_us"].dump(), "9103200.007");
    EXPECT_TRUE(json["checks"][1]["latency_us"].is_null());
}

TEST(RunJson, NamesAMissingField) {
    nlohmann::json json = to_json(sample_run());
    json["commanded"][1].erase("scheduled_us");
    EXPECT_THAT(read_error(json),
                AllOf(HasSubstr("\"commanded[1].scheduled_us\""), HasSubstr("missing")));
}

TEST(RunJson, NamesAMissingNestedField) {
    nlohmann::json json = to_json(sample_run());
    json["procedure"].erase("name");
    EXPECT_THAT(read_error(json), HasSubstr("\"procedure.name\" is missing"));
}

TEST(RunJson, NamesAFieldOfTheWrongType) {
    nlohmann::json json = to_json(sample_run());
    json["sensed"][0]["level"] = "high";
    EXPECT_THAT(read_error(json), AllOf(HasSubstr("\"sensed[0].level\""), HasSubstr("0 to 1")));
    json = to_json(sample_run());
    json["checks"][0]["latency_us"] = 1e300;
    EXPECT_THAT(read_error(json), HasSubstr("\"checks[0].latency_us\" must be a number"));
    json = to_json(sample_run());
    json["fobs"][1]["passed"] = 1;
    EXPECT_THAT(read_error(json), HasSubstr("\"fobs[1].passed\" must be true or false"));
}

// An edge keeps its names in place, as long as a procedure may make them and no longer.
TEST(RunJson, RefusesAnEdgeNameLongerThanAProcedureMayGive) {
    nlohmann::json json = to_json(sample_run());
    json["commanded"][1]["action"] = std::string(EdgeName::capacity, 'x');
    EXPECT_EQ(run_from_json(json).commanded[1].action, std::string(EdgeName::capacity, 'x'));
    json["commanded"][1]["step"] = std::string(EdgeName::capacity + 1, 'x');
    EXPECT_THAT(read_error(json), HasSubstr("\"commanded[1].step\" is longer than 63 characters"));
}

TEST(RunJson, RefusesAnEdgeOnALineThatIsNotListed) {
    nlohmann::json json = to_json(sample_run());
    json["sensed"][2]["line"] = "sense.boot";
    EXPECT_THAT(read_error(json), AllOf(HasSubstr("\"sensed[2].line\""), HasSubstr("sense.boot")));
}

TEST(RunJson, RefusesAnotherFormatOrVersion) {
    nlohmann::json json = to_json(sample_run());
    json["version"] = 2;
    EXPECT_THAT(read_error(json), HasSubstr("\"version\""));
    json = to_json(sample_run());
    json["format"] = "something-else";
    EXPECT_THAT(read_error(json), HasSubstr("\"format\""));
    EXPECT_THAT(read_error(nlohmann::json::array()), HasSubstr("must be an object"));
}

TEST(RunJson, RefusesAnUnknownOutcome) {
    nlohmann::json json = to_json(sample_run());
    json["outcome"] = "maybe";
    EXPECT_THAT(read_error(json), AllOf(HasSubstr("\"outcome\""), HasSubstr("maybe")));
}

TEST(RunJson, RefusesARecordWhoseEdgePointsPastItsLines) {
    RunRecord record = sample_run();
    record.sensed[0].line = 9;
    EXPECT_THROW(to_json(record), std::runtime_error);
}

} // namespace
} // namespace fobrig
