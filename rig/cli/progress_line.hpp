// Where a run stands, as one line that fits an 80-column terminal: "step 2/5  attempt 1/3
// slot 1  Hold unlock, press lock three times, release" (the title cut to fit).
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>

namespace fobrig {

inline constexpr std::size_t progress_columns = 80;

// From a daemon's `step` event.
std::string progress_line(const nlohmann::json& step_event);

} // namespace fobrig
