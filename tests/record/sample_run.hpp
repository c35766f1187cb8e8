// What the record tests share: a small hand-built run record, a field-by-field comparison,
// and small readers of text and errors.
#pragma once

#include "rig/core/run_record.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <tuple>
#include <vector>

namespace fobrig::test {

// An instant `ns` nanoseconds after the sample's t0.
inline Instant after_t0(std::int64_t ns) {
    return Instant{Duration{5'000'000'000'123}} + Duration{ns};
}

// Two slots: a lock+unlock chord on slot 1 whose edges fall in one microsecond, a late
// release, a forced release, then slot 2's lock; the car signals lock, then unlock. An
// operator step with a measured ignition time, a passed check and a failed one.
inline RunRecord sample_run() {
    RunRecord r;
    r.id = "2024-05-01T10-00-00Z-mini";
    r.procedure_id = "mini-r50-resync";
    r.procedure_name = "BMW Mini R50 remote re-sync";
    r.rig_name = "bench-1";
    r.started_utc = "2024-05-01T10:00:00Z";
    r.realtime = {.granted = false, .detail = "SCHED_FIFO 80 refused: Operation not permitted"};
    r.t0 = after_t0(0);
    r.lines = {{"slot1.lock", true},
               {"slot1.unlock", true},
               {"slot2.lock", true},
               {"sense.lock", false},
               {"sense.unlock", false}};
    r.operator_steps.push_back({.attempt = 1,
                                .step_id = "ignition",
                                .prompt = "Turn the ignition to 1 and back",
                                .prompted = after_t0(10'000'000),
                                .acknowledged = after_t0(6'300'000'000),
                                .ignition_on = Duration{6'200'000'000}});
    r.commanded = {
        {1, "hold", 1, "lock+unlock", 0, true, after_t0(7'100'000'000), after_t0(7'100'000'250)},
        {1, "hold", 1, "lock+unlock", 1, true, after_t0(7'100'000'000), after_t0(7'100'000'400)},
        {1, "hold", 1, "lock+unlock", 0, false, after_t0(9'100'000'000), after_t0(9'103'200'007),
         true},
        {1, "hold", 1, "max-hold guard", 1, false, after_t0(9'100'000'000), after_t0(9'100'000'900),
         false, true},
        {1, "verify, slot 2", 2, "lock", 2, true, after_t0(12'000'000'000),
         after_t0(12'000'000'120)},
        {1, "verify, slot 2", 2, "lock", 2, false, after_t0(12'300'000'000),
         after_t0(12'300'000'050)},
    };
    r.sensed = {{1, 3, true, after_t0(9'150'000'333)},
                {1, 3, false, after_t0(9'250'000'000)},
                {1, 4, true, after_t0(12'400'000'001)},
                {1, 4, false, after_t0(12'500'000'000)}};
    r.checks = {
        {1, "hold", 1, true, after_t0(9'400'000'000), Duration{146'799'993}, "", "unlock-held"},
        {1, "verify, slot 2", 2, false, after_t0(14'000'000'000), std::nullopt,
         "car answered unlock, expected lock"}};
    r.attempts = {{1, false, "slot 2 not verified", "unlock-held"}};
    r.fobs = {{1, "Fob A", true, true, true, ""},
              {2, "Fob B", true, false, false, "car answered unlock, expected lock"}};
    r.outcome = RunOutcome::failed;
    r.reason = "1 of 2 fobs failed";
    return r;
}

inline auto fields(const RecordedLine& l) {
    return std::tie(l.name, l.output, l.contact);
}
inline auto fields(const CommandedEdge& e) {
    return std::tie(e.attempt, e.step_id, e.slot, e.action, e.line, e.active, e.scheduled, e.actual,
                    e.late, e.forced);
}
inline auto fields(const SensedEdge& e) {
    return std::tie(e.attempt, e.line, e.active, e.at);
}
inline auto fields(const OperatorRecord& o) {
    return std::tie(o.attempt, o.step_id, o.prompt, o.prompted, o.acknowledged, o.ignition_on);
}
inline auto fields(const CheckRecord& c) {
    return std::tie(c.attempt, c.step_id, c.slot, c.passed, c.decided, c.latency, c.reason,
                    c.presses);
}
inline auto fields(const AttemptRecord& a) {
    return std::tie(a.number, a.passed, a.reason);
}
inline auto fields(const FobVerdict& f) {
    return std::tie(f.slot, f.label, f.programmed, f.verified, f.passed, f.reason);
}
inline auto fields(const RunRecord& r) {
    return std::tie(r.id, r.procedure_id, r.procedure_name, r.rig_name, r.started_utc, r.t0,
                    r.outcome, r.reason, r.realtime.granted, r.realtime.detail);
}

template <typename T>
void expect_same_items(const std::vector<T>& expected, const std::vector<T>& actual) {
    ASSERT_EQ(expected.size(), actual.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_TRUE(fields(expected[i]) == fields(actual[i])) << "item " << i;
    }
}

inline void expect_same_record(const RunRecord& expected, const RunRecord& actual) {
    EXPECT_TRUE(fields(expected) == fields(actual));
    expect_same_items(expected.lines, actual.lines);
    expect_same_items(expected.commanded, actual.commanded);
    expect_same_items(expected.sensed, actual.sensed);
    expect_same_items(expected.operator_steps, actual.operator_steps);
    expect_same_items(expected.checks, actual.checks);
    expect_same_items(expected.attempts, actual.attempts);
    expect_same_items(expected.fobs, actual.fobs);
}

inline std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    return lines;
}

// Each row from `first` on starts with a time no earlier than the row before.
inline void expect_times_ascending(const std::vector<std::string>& rows, std::size_t first) {
    for (std::size_t i = first + 1; i < rows.size(); ++i) {
        EXPECT_LE(std::stod(rows[i - 1]), std::stod(rows[i])) << rows[i];
    }
}

// The message `action` throws as `Error`, or "" when it does not throw.
template <typename Error, typename Action> std::string error_of(Action action) {
    try {
        action();
    } catch (const Error& error) {
        return error.what();
    }
    return "";
}

} // namespace fobrig::test
