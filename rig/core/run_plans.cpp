#include "rig/core/run_plans.hpp"

#include <stdexcept>

namespace fobrig {

std::vector<PlayedWay> RunPlans::ways_of_step(const std::string& step_id, const SequenceStep& seq,
                                              const Rig& rig, const std::vector<int>& slots) {
    std::vector<const SequenceVariant*> variants;
    for (const SequenceVariant& variant : seq.variants) {
        variants.push_back(&variant);
    }
    if (variants.empty()) {
        variants.push_back(nullptr);
    }
    std::vector<PlayedWay> ways;
    for (const SequenceVariant* variant : variants) {
        PlayedWay& way = ways.emplace_back(PlayedWay{variant, played_as(seq, variant), {}});
        for (const int slot : slots) {
            way.plans.push_back(plan_sequence(step_id, way.step, rig, slot));
        }
    }
    return ways;
}

const PlayedWay& RunPlans::way(const Procedure& procedure, const Step& step,
                               const SequenceVariant* variant) const {
    for (const PlayedWay& way : ways(procedure, step)) {
        if (way.variant == variant) {
            return way;
        }
    }
    throw std::out_of_range("step '" + step.id + "' was not planned for this run");
}

} // namespace fobrig
