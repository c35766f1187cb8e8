// Merging a run's edges, operator steps and checks into one time-ordered list.
#include "rig/record/timeline.hpp"

#include <algorithm>
#include <optional>

namespace fobrig {
namespace {

void add_edges(const RunRecord& record, std::vector<TimelineEvent>& events) {
    for (const CommandedEdge& edge : record.commanded) {
        events.push_back({edge.actual - record.t0, &edge});
    }
    for (const SensedEdge& edge : record.sensed) {
        events.push_back({edge.at - record.t0, &edge});
    }
}

void sort_by_time(std::vector<TimelineEvent>& events) {
    std::stable_sort(events.begin(), events.end(),
                     [](const TimelineEvent& a, const TimelineEvent& b) { return a.at < b.at; });
}

} // namespace

std::vector<TimelineEvent> edge_timeline(const RunRecord& record) {
    std::vector<TimelineEvent> events;
    add_edges(record, events);
    sort_by_time(events);
    return events;
}

std::vector<TimelineEvent> full_timeline(const RunRecord& record) {
    std::vector<TimelineEvent> events;
    add_edges(record, events);
    for (const OperatorRecord& step : record.operator_steps) {
        events.push_back({step.prompted - record.t0, &step});
    }
    for (const CheckRecord& check : record.checks) {
        events.push_back({check.decided - record.t0, &check});
    }
    sort_by_time(events);
    return events;
}

} // namespace fobrig
