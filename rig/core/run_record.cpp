// Names for outcomes and the run's summaries of late and forced edges.
#include "rig/core/run_record.hpp"

#include <algorithm>
#include <cstdio>

namespace fobrig {

const char* to_string(RunOutcome outcome) {
    switch (outcome) {
    case RunOutcome::passed:
        return "passed";
    case RunOutcome::failed:
        return "failed";
    case RunOutcome::aborted:
        return "aborted";
    case RunOutcome::unverified:
        return "unverified";
    }
    return "unknown";
}

std::size_t late_edge_count(const RunRecord& record) {
    return static_cast<std::size_t>(std::count_if(record.commanded.begin(), record.commanded.end(),
                                                  [](const CommandedEdge& e) { return e.late; }));
}

std::string late_edges_text(const RunRecord& record) {
    const CommandedEdge* worst = nullptr;
    for (const auto& edge : record.commanded) {
        if (edge.late &&
            (!worst || edge.actual - edge.scheduled > worst->actual - worst->scheduled)) {
            worst = &edge;
        }
    }
    if (!worst) {
        return "";
    }
    const std::size_t count = late_edge_count(record);
    char worst_ms[32];
    std::snprintf(
        worst_ms, sizeof worst_ms, "%.1f",
        std::chrono::duration<double, std::milli>(worst->actual - worst->scheduled).count());
    return std::to_string(count) + (count == 1 ? " edge came" : " edges came") +
           " later than the procedure's tolerance (worst " + worst_ms + " ms, " + worst->step_id +
           " " + worst->action + ")";
}

std::string forced_openings_text(const RunRecord& record) {
    std::string lines;
    for (const auto& edge : record.commanded) {
        if (edge.forced && edge.action == max_hold_guard_action) {
            lines += (lines.empty() ? "" : ", ") + record.lines[edge.line].name;
        }
    }
    return lines.empty() ? "" : "the max-hold guard opened " + lines + " early";
}

void add_car_notes(RunRecord& record, const std::vector<std::string>& notes) {
    if (!record.target) {
        record.target = TargetRecord{.simulated = true};
    }
    std::vector<std::string>& kept = record.target->car_notes;
    for (const std::string& note : notes) {
        if (std::ranges::find(kept, note) == kept.end()) {
            kept.push_back(note);
        }
    }
    if (record.outcome == RunOutcome::passed || kept.empty()) {
        return;
    }
    record.reason +=
        record.reason.empty() ? "the simulated car noted: " : "; the simulated car noted: ";
    for (std::size_t i = 0; i < kept.size(); ++i) {
        record.reason += (i == 0 ? "" : "; ") + kept[i];
    }
}

std::string answered_variant(const RunRecord& record) {
    const auto answered = std::ranges::find_if(
        record.checks.rbegin(), record.checks.rend(),
        [](const CheckRecord& check) { return check.passed && !check.variant.empty(); });
    return answered == record.checks.rend() ? std::string() : answered->variant;
}

std::optional<InterlockRecord> interlock_record(const Rig& rig) {
    if (!rig.enable) {
        return std::nullopt;
    }
    return InterlockRecord{.line = rig.enable->line.chip + ":" +
                                   std::to_string(rig.enable->line.offset),
                           .period = rig.enable->period,
                           .hold = rig.enable->hold};
}

} // namespace fobrig
