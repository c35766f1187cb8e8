#include "rig/cli/event_text.hpp"

#include "rig/cli/progress_line.hpp"
#include "rig/record/run_json.hpp"
#include "rig/record/target_text.hpp"

#include <cstdio>

namespace fobrig {

namespace {

std::string number(double value, const char* format) {
    char text[32];
    std::snprintf(text, sizeof text, format, value);
    return text;
}

std::string slot_text(const nlohmann::json& event) {
    const int slot = event.value("slot", 0);
    return slot == 0 ? "" : ", slot " + std::to_string(slot);
}

std::string edge_text(const nlohmann::json& event) {
    std::string text = number(event.value("actual_ms", 0.0), "%10.3f ms  ") +
                       event.value("line", "") + (event.value("level", 0) ? " closed" : " opened") +
                       " (" + event.value("action", "") + ", error " +
                       number(event.value("error_us", 0.0), "%.1f") + " us)";
    if (event.value("late", false)) {
        text += " LATE";
    }
    if (event.value("forced", false)) {
        text += " FORCED";
    }
    return text;
}

} // namespace

std::optional<TargetRecord> event_target(const nlohmann::json& event) {
    const auto found = event.find("target");
    return found == event.end() ? std::nullopt : std::optional(target_from_json(*found));
}

std::optional<std::string> describe_event(const nlohmann::json& event, bool every_edge) {
    const std::string type = event.value("event", "");
    if (type == "run-started") {
        return "run " + event.value("run", "") + ": " + event.value("procedure", "") + " on rig " +
               event.value("rig", "") + " (" + target_text(event_target(event)) + ")";
    }
    if (type == "step") {
        return progress_line(event);
    }
    if (type == "operator-done") {
        if (!event.value("acknowledged", false)) {
            return std::string("  nobody confirmed the step in time");
        }
        std::string text = "  done after " + number(event.value("took_s", 0.0), "%.1f s");
        if (event.contains("ignition_on_s")) {
            text +=
                "; the key was in for " + number(event["ignition_on_s"].get<double>(), "%.1f s");
        }
        return text;
    }
    if (type == "confirmation") {
        if (event.value("passed", false)) {
            return "  the car answered" + slot_text(event) + " after " +
                   number(event.value("latency_ms", 0.0), "%.0f ms");
        }
        return "  NO ANSWER" + slot_text(event) + ": " + event.value("reason", "");
    }
    if (type == "attempt") {
        return "attempt " + std::to_string(event.value("attempt", 0)) + ": " +
               (event.value("passed", false) ? "passed" : "FAILED: " + event.value("reason", ""));
    }
    if (type == "verdict") {
        std::string text = "run " + event.value("run", "") + " (" +
                           target_text(event_target(event)) + "): " + event.value("outcome", "") +
                           ", " + event.value("reason", "");
        if (event.contains("record_error")) {
            text += "; ITS RECORD WAS NOT WRITTEN: " + event.value("record_error", "");
        }
        return text;
    }
    if (every_edge && type == "edge") {
        return edge_text(event);
    }
    if (every_edge && type == "sensed") {
        return number(event.value("at_ms", 0.0), "%10.3f ms  ") + event.value("line", "") +
               (event.value("level", 0) ? " active" : " inactive") + " (car)";
    }
    return std::nullopt;
}

std::string campaign_progress_text(const nlohmann::json& event) {
    std::string text = "campaign " + event.value("run", "") + ": round " +
                       std::to_string(event.value("round", 0)) + " of " +
                       std::to_string(event.value("rounds", 0));
    if (event.contains("seconds_left")) {
        // Whole seconds: an estimate from the rounds' mean pace is no finer.
        const auto left = static_cast<long>(event.value("seconds_left", 0.0) + 0.5);
        text +=
            ", about " +
            (left < 60 ? std::to_string(left) + " s"
                       : std::to_string(left / 60) + " min " + std::to_string(left % 60) + " s") +
            " left";
    }
    return text;
}

} // namespace fobrig
