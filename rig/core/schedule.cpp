// Planning a sequence: buttons to channels, actions to edges, latency compensation.
#include "rig/core/schedule.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace fobrig {

namespace {

// An action's channels grouped by how early each must be commanded.
using EdgesByLatency = std::map<Duration, TimedEdge>;

void add_levels(EdgesByLatency& edges, const ButtonAction& action,
                const std::vector<std::string>& buttons, bool active, const Rig& rig, int slot) {
    for (const auto& button : buttons) {
        const auto channel = rig.output_index(slot, button);
        if (!channel) {
            throw std::invalid_argument("slot " + std::to_string(slot) + " has no '" + button +
                                        "' button wired");
        }
        const OutputChannel& out = rig.outputs[*channel];
        const Duration latency = active ? out.operate_latency : out.release_latency;
        TimedEdge& edge = edges[latency];
        edge.at = action.at - latency;
        edge.contact = action.at;
        edge.action = action.name;
        edge.levels.push_back({.channel = *channel, .active = active});
    }
}

// A short press on a switch that releases much faster than it operates would be commanded
// open before closed; the contact would then stay closed, so such a plan is refused.
void check_channel_order(const SequencePlan& plan, const Rig& rig) {
    std::map<std::size_t, Duration> last_contact;
    for (const auto& edge : plan.edges) {
        for (const auto& level : edge.levels) {
            const auto [it, first] = last_contact.emplace(level.channel, edge.contact);
            if (!first && edge.contact < it->second) {
                const OutputChannel& out = rig.outputs[level.channel];
                throw std::invalid_argument(
                    "slot " + std::to_string(out.slot) + " '" + out.button + "': action '" +
                    edge.action + "' follows the previous one too closely for the switch's " +
                    "operate and release latencies");
            }
            it->second = edge.contact;
        }
    }
}

} // namespace

Duration SequencePlan::last_edge() const {
    Duration last{};
    for (const auto& edge : edges) {
        last = std::max(last, edge.contact);
    }
    return last;
}

Duration SequencePlan::lead() const {
    return edges.empty() ? Duration{} : std::max(Duration{}, -edges.front().at);
}

SequencePlan plan_sequence(const std::string& step_id, const SequenceStep& step, const Rig& rig,
                           int slot) {
    SequencePlan plan{.step_id = step_id, .slot = slot, .tolerance = step.tolerance};
    for (const auto& action : step.actions) {
        EdgesByLatency edges;
        add_levels(edges, action, action.release, false, rig, slot);
        add_levels(edges, action, action.press, true, rig, slot);
        // The slowest switch first: it is commanded earliest.
        for (auto it = edges.rbegin(); it != edges.rend(); ++it) {
            plan.edges.push_back(std::move(it->second));
        }
    }
    std::stable_sort(plan.edges.begin(), plan.edges.end(),
                     [](const TimedEdge& a, const TimedEdge& b) { return a.at < b.at; });
    check_channel_order(plan, rig);
    return plan;
}

} // namespace fobrig
