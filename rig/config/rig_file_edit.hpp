// Writing calibrated latencies back into a rig file's text, leaving every other byte as it was.
#pragma once

#include "rig/core/time.hpp"

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace fobrig {

struct LatencyUpdate {
    std::size_t output = 0; // index of the [[output]] table, in file order
    Duration operate{};
    Duration release{};
};

// `text` with each updated output's operate_latency_us and release_latency_us set (in whole
// microseconds): a value already there is replaced in place, a missing key is added on the
// line after the table's `kind` (or its last key). Throws std::runtime_error for a text that
// is not TOML, an output it does not have, or an output written as an inline table.
std::string with_latencies(std::string_view text, std::span<const LatencyUpdate> updates);

} // namespace fobrig
