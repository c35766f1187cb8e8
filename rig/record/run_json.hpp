// run.json: the complete run record as JSON, the file every other view can be rebuilt from.
#pragma once

#include "rig/core/run_record.hpp"

#include <nlohmann/json.hpp>

namespace fobrig {

// Times are written relative to RunRecord::t0 as microsecond numbers ("scheduled_us":
// 1250.001), which carry nanoseconds exactly: each is the double nearest to a whole number of
// nanoseconds divided by 1000, printed shortest-round-trip, and read back by rounding
// microseconds * 1000 to whole nanoseconds. That holds for offsets up to about 26 days.
// t0 itself is kept as the integer "t0_ns". "error_us" is derived and written for readers only.
nlohmann::json to_json(const RunRecord& record);
// One fob's verdict, as run.json and the daemon's verdict event carry it.
// {"simulated": true, "sim_faults": ["dead-receiver"]}, as run.json, status and the
// run-started event carry it.
nlohmann::json to_json(const TargetRecord& target);
// Its inverse; throws std::runtime_error naming the field.
TargetRecord target_from_json(const nlohmann::json& json);
// {"line": "gpiochip0:23", "period_us": 10000, "hold_us": 25000}, as run.json and status carry it.
nlohmann::json to_json(const InterlockRecord& interlock);
nlohmann::json to_json(const FobVerdict& fob);

// The inverse of to_json. Throws std::runtime_error naming the field that is missing or has
// the wrong type or value: run record field "sensed[2].line" names "x", which is not in
// "lines".
RunRecord run_from_json(const nlohmann::json& json);

} // namespace fobrig
