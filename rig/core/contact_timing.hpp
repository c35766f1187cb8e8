// How a switch's contact answered one commanded change, read from its read-back edges: the one
// measure behind `fobrig calibrate` (many presses) and `fobrig wiring-check` (one).
#pragma once

#include "rig/core/time.hpp"

#include <cstddef>
#include <optional>
#include <span>

namespace fobrig {

// A level change of one output channel: commanded on its line, or seen on its contact.
struct ChannelEdge {
    std::size_t channel = 0;
    bool active = false; // contact closed
    Instant at{};
};

struct ContactTransition {
    Duration delay{};            // from the command to the contact's first change to its level
    Duration bounce{};           // from that change to the contact's last change
    std::size_t extra_edges = 0; // the changes after the first: bounces
};

// The answer of `command`'s contact: its channel's edges in `contact` (in time order) from the
// command until `until`. None when the contact did not settle at the commanded level: it never
// reached it, or bounced back off it.
std::optional<ContactTransition> measure_transition(const ChannelEdge& command, Instant until,
                                                    std::span<const ChannelEdge> contact);

} // namespace fobrig
