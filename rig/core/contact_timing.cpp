#include "rig/core/contact_timing.hpp"

namespace fobrig {

std::optional<ContactTransition> measure_transition(const ChannelEdge& command, Instant until,
                                                    std::span<const ChannelEdge> contact) {
    const ChannelEdge* first = nullptr;
    const ChannelEdge* last = nullptr;
    std::size_t edges_from_first = 0;
    for (const ChannelEdge& edge : contact) {
        if (edge.channel != command.channel || edge.at < command.at || edge.at >= until) {
            continue;
        }
        if (!first && edge.active == command.active) {
            first = &edge;
        }
        if (first) {
            ++edges_from_first;
        }
        last = &edge;
    }
    if (!first || last->active != command.active) {
        return std::nullopt;
    }
    return ContactTransition{.delay = first->at - command.at,
                             .bounce = last->at - first->at,
                             .extra_edges = edges_from_first - 1};
}

} // namespace fobrig
