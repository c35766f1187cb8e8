// The run's events on one time axis in the order they happened: what the CSV, the VCD and
// the timing table walk through.
#pragma once

#include "rig/core/run_record.hpp"

#include <variant>
#include <vector>

namespace fobrig {

struct TimelineEvent {
    Duration at; // from the run's t0; a commanded edge counts at its actual instant
    std::variant<const CommandedEdge*, const SensedEdge*, const OperatorRecord*, const CheckRecord*>
        what;
};

// Commanded and sensed edges. Events at the same instant keep the record's order, commanded
// before sensed, since a press comes before the car's answer to it.
std::vector<TimelineEvent> edge_timeline(const RunRecord& record);

// The edges, the operator steps at their prompt and the checks. A check carries no instant of
// its own, so it stands at the last commanded edge of its attempt and step (or, failing
// that, of its attempt) plus its latency.
std::vector<TimelineEvent> full_timeline(const RunRecord& record);

} // namespace fobrig
