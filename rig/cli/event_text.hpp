// A daemon event as a line a person at the rig reads, or nothing for events too fine for the
// terminal (every edge is in the timing table afterwards).
#pragma once

#include "rig/core/run_record.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace fobrig {

// What an event's "target" says the lines drove; none when it says nothing. Throws
// std::runtime_error naming the field when it is malformed.
std::optional<TargetRecord> event_target(const nlohmann::json& event);

std::optional<std::string> describe_event(const nlohmann::json& event, bool every_edge = false);

// A "campaign-progress" event: "campaign batch-...: round 2 of 3, about 4 min 10 s left".
std::string campaign_progress_text(const nlohmann::json& event);

} // namespace fobrig
