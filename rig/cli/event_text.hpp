// A daemon event as a line a person at the rig reads, or nothing for events too fine for the
// terminal (every edge is in the timing table afterwards).
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace fobrig {

std::optional<std::string> describe_event(const nlohmann::json& event, bool every_edge = false);

} // namespace fobrig
