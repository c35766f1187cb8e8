// Turns one sequence step of a procedure, for one fob slot, into timed edges on rig channels,
// each commanded early by its switch's latency so that the contact moves at the procedure's
// instant.
#pragma once

#include "rig/core/backend.hpp"
#include "rig/core/procedure.hpp"
#include "rig/core/rig_wiring.hpp"

#include <string>
#include <vector>

namespace fobrig {

// Channels commanded at one instant, changed in one backend call. An action whose channels
// share a latency is one edge; one whose channels differ is an edge per latency.
struct TimedEdge {
    Duration at{};      // when the line is commanded, from the sequence's anchor (may be < 0)
    Duration contact{}; // when the contacts move: the procedure's instant for the action
    std::vector<OutputLevel> levels;
    std::string action;
};

struct SequencePlan {
    std::string step_id;
    int slot = 0;
    Duration tolerance{};
    std::vector<TimedEdge> edges; // in the order they are commanded

    // The last contact instant: the sequence is over for the car then.
    Duration last_edge() const;
    // How long before the anchor the first line is commanded (zero when none is early).
    Duration lead() const;
};

// Throws std::invalid_argument when a button is not wired for the slot (the run's pre-check
// reports that with positions before anything is driven), or when a switch's latencies would
// put a channel's commands out of the procedure's order.
SequencePlan plan_sequence(const std::string& step_id, const SequenceStep& step, const Rig& rig,
                           int slot);

} // namespace fobrig
