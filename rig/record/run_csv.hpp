// run.csv: every commanded and sensed edge as one spreadsheet row, in time order.
#pragma once

#include "rig/core/run_record.hpp"

#include <string>
#include <vector>

namespace fobrig {

// Header "time_us,kind,attempt,step,slot,action,line,level,scheduled_us,error_us,flags", then
// one row per edge. kind is "commanded" (time_us is the actual instant) or "sensed" (step,
// slot, action, scheduled_us and error_us empty). Times are microseconds from t0 with three
// decimals; flags is "LATE", "FORCED", "LATE FORCED" or empty. Text is quoted as RFC 4180 asks.
std::string to_csv(const RunRecord& record);

// One RFC 4180 line: the cells joined by commas, each quoted when it must be, then a newline.
std::string csv_line(const std::vector<std::string>& cells);

} // namespace fobrig
