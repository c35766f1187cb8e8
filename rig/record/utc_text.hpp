// Wall-clock times as text in UTC, for run ids and records (the timeline itself is monotonic).
#pragma once

#include <chrono>
#include <string>

namespace fobrig {

// strftime `format` of `time` in UTC.
std::string utc_text(std::chrono::system_clock::time_point time, const char* format);
// "2026-11-25T14:35:01Z"
std::string iso_utc(std::chrono::system_clock::time_point time);

} // namespace fobrig
