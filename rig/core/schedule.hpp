// Turns one sequence step of a procedure, for one fob slot, into timed edges on rig channels,
// each commanded early by its switch's latency so that the contact moves at the procedure's
// instant.
#pragma once

#include "rig/core/backend.hpp"
#include "rig/core/edge_name.hpp"
#include "rig/core/procedure.hpp"
#include "rig/core/rig_wiring.hpp"

#include <optional>
#include <string>
#include <vector>

namespace fobrig {

// Channels commanded at one instant, changed in one backend call. An action whose channels
// share a latency is one edge; one whose channels differ is an edge per latency.
struct TimedEdge {
    Duration at{};      // when the line is commanded, from the sequence's anchor (may be < 0)
    Duration contact{}; // when the contacts move: the procedure's instant for the action
    std::vector<OutputLevel> levels;
    EdgeName action;
    std::size_t action_index = 0; // in the step's actions
};

struct SequencePlan {
    EdgeName step_id;
    int slot = 0;
    Duration tolerance{};
    std::vector<TimedEdge> edges; // in the order they are commanded

    // The last contact instant: the sequence is over for the car then.
    Duration last_edge() const;
    // How long before the anchor the first line is commanded (zero when none is early).
    Duration lead() const;
};

// A channel whose commands a switch's latencies put out of the procedure's order: a short press
// on a switch that releases much faster than it operates would be commanded open before closed.
struct OrderProblem {
    std::size_t action_index = 0; // the action that comes too closely after the previous one
    std::string message;
};

// The plan's edges, whether or not they stay in order. Throws std::invalid_argument when a
// button is not wired for the slot (the run's pre-check reports that with positions first).
SequencePlan plan_edges(const std::string& step_id, const SequenceStep& step, const Rig& rig,
                        int slot);

// The first channel out of order in `plan`, if any.
std::optional<OrderProblem> order_problem(const SequencePlan& plan, const Rig& rig,
                                          const SequenceStep& step);

// plan_edges, also throwing std::invalid_argument when order_problem finds one (validation
// refuses such a file before a run).
SequencePlan plan_sequence(const std::string& step_id, const SequenceStep& step, const Rig& rig,
                           int slot);

} // namespace fobrig
