// Planning a sequence: buttons to channels, actions to edges, latency compensation.
#include "rig/core/schedule.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace fobrig {

namespace {

// An action's channels grouped by how early each must be commanded.
using EdgesByLatency = std::map<Duration, TimedEdge>;

void add_levels(EdgesByLatency& edges, const ButtonAction& action, std::size_t index,
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
        edge.action_index = index;
        edge.levels.push_back({.channel = *channel, .active = active});
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

SequencePlan plan_edges(const std::string& step_id, const SequenceStep& step, const Rig& rig,
                        int slot) {
    SequencePlan plan{.step_id = step_id, .slot = slot, .tolerance = step.tolerance};
    for (std::size_t i = 0; i < step.actions.size(); ++i) {
        const ButtonAction& action = step.actions[i];
        EdgesByLatency edges;
        add_levels(edges, action, i, action.release, false, rig, slot);
        add_levels(edges, action, i, action.press, true, rig, slot);
        // The slowest switch first: it is commanded earliest.
        for (auto it = edges.rbegin(); it != edges.rend(); ++it) {
            plan.edges.push_back(std::move(it->second));
        }
    }
    std::stable_sort(plan.edges.begin(), plan.edges.end(),
                     [](const TimedEdge& a, const TimedEdge& b) { return a.at < b.at; });
    return plan;
}

std::optional<OrderProblem> order_problem(const SequencePlan& plan, const Rig& rig,
                                          const SequenceStep& step) {
    std::map<std::size_t, Duration> last_contact;
    for (const auto& edge : plan.edges) {
        for (const auto& level : edge.levels) {
            const auto [it, first] = last_contact.emplace(level.channel, edge.contact);
            if (!first && edge.contact < it->second) {
                const OutputChannel& out = rig.outputs[level.channel];
                return OrderProblem{
                    edge.action_index,
                    "slot " + std::to_string(out.slot) + " '" + out.button +
                        "': " + action_label(plan.step_id, step, edge.action_index) +
                        " follows the previous one too closely for the switch's operate (" +
                        ms_precise_text(out.operate_latency) + ") and release (" +
                        ms_precise_text(out.release_latency) +
                        ") latencies: it would be commanded before it"};
            }
            it->second = edge.contact;
        }
    }
    return std::nullopt;
}

SequencePlan plan_sequence(const std::string& step_id, const SequenceStep& step, const Rig& rig,
                           int slot) {
    SequencePlan plan = plan_edges(step_id, step, rig, slot);
    if (const auto problem = order_problem(plan, rig, step)) {
        throw std::invalid_argument(problem->message);
    }
    return plan;
}

} // namespace fobrig
