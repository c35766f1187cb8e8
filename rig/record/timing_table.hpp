// The timing log and verdict a workshop operator reads on the terminal after a run.
#pragma once

#include "rig/core/run_record.hpp"
#include "rig/record/text_table.hpp"

#include <string>
#include <vector>

namespace fobrig {

// The timing table's column names and rows, for a view that lays them out its own way (the
// HTML report).
std::vector<TextColumn> timing_columns();
std::vector<std::vector<std::string>> timing_rows(const RunRecord& record);

// In time order, one aligned row per commanded edge (scheduled and actual ms, error in us,
// LATE / FORCED), per sensed edge ("car signal"), per operator step (its acknowledgement in
// ms, ignition-on time in s; its words are in prompt_texts()) and per check (passed with its
// latency, or FAILED with its reason). Times are ms from t0 with three decimals.
std::string timing_table(const RunRecord& record);

// Each operator step's words, once per step: `  ignition: "Turn the ignition ..."`.
std::string prompt_texts(const RunRecord& record);

// What show prints: the timing table, the prompts' words, then the verdict summary.
std::string run_report(const RunRecord& record);

// A row per fob (slot, label, programmed, verified, PASS/FAIL, reason), a line per attempt,
// then the run's outcome and reason.
std::string verdict_summary(const RunRecord& record);

} // namespace fobrig
