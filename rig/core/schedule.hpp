// Turns one sequence step of a procedure, for one fob slot, into timed edges on rig channels.
#pragma once

#include "rig/core/backend.hpp"
#include "rig/core/procedure.hpp"
#include "rig/core/rig_wiring.hpp"

#include <string>
#include <vector>

namespace fobrig {

// Every channel that changes at one instant, changed in one backend call.
struct TimedEdge {
    Duration at{}; // from the sequence's anchor
    std::vector<OutputLevel> levels;
    std::string action;
};

struct SequencePlan {
    std::string step_id;
    int slot = 0;
    Duration tolerance{};
    std::vector<TimedEdge> edges;

    Duration last_edge() const { return edges.empty() ? Duration{} : edges.back().at; }
};

// Throws std::invalid_argument when a button is not wired for the slot; the run's
// pre-check reports that with positions before anything is driven.
SequencePlan plan_sequence(const std::string& step_id, const SequenceStep& step, const Rig& rig,
                           int slot);

} // namespace fobrig
