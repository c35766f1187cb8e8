#include "rig/core/schedule.hpp"

#include <stdexcept>

namespace fobrig {

namespace {

void add_levels(std::vector<OutputLevel>& levels, const std::vector<std::string>& buttons,
                bool active, const Rig& rig, int slot) {
    for (const auto& button : buttons) {
        const auto channel = rig.output_index(slot, button);
        if (!channel) {
            throw std::invalid_argument("slot " + std::to_string(slot) + " has no '" + button +
                                        "' button wired");
        }
        levels.push_back({.channel = *channel, .active = active});
    }
}

} // namespace

SequencePlan plan_sequence(const std::string& step_id, const SequenceStep& step, const Rig& rig,
                           int slot) {
    SequencePlan plan{.step_id = step_id, .slot = slot, .tolerance = step.tolerance};
    for (const auto& action : step.actions) {
        TimedEdge edge{.at = action.at, .action = action.name};
        add_levels(edge.levels, action.release, false, rig, slot);
        add_levels(edge.levels, action.press, true, rig, slot);
        plan.edges.push_back(std::move(edge));
    }
    return plan;
}

} // namespace fobrig
