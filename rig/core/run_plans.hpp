// Every way a run may play its sequences, made before its first edge: for each sequence step
// the run plays, each documented variant (or the step as written) with its presses, windows
// and answer, and its timed edges for each fob of the run. Between its sequences the run's
// thread only looks them up: planning allocates, and a plan that cannot be made is found
// before anything is driven.
#pragma once

#include "rig/core/procedure.hpp"
#include "rig/core/rig_wiring.hpp"
#include "rig/core/schedule.hpp"

#include <vector>

namespace fobrig {

struct PlayedWay {
    const SequenceVariant* variant = nullptr; // null: the step as written
    SequenceStep step;                        // as this way plays it
    std::vector<SequencePlan> plans;          // one for each slot, in the order given
};

class RunPlans {
public:
    // Plans `procedure`'s sequence steps (those `plays` accepts) for the fobs in `slots`.
    // Throws std::invalid_argument as plan_sequence() does.
    template <typename Plays>
    RunPlans(const Procedure& procedure, const Rig& rig, const std::vector<int>& slots,
             Plays plays) {
        ways_.resize(procedure.steps.size());
        for (std::size_t i = 0; i < procedure.steps.size(); ++i) {
            const Step& step = procedure.steps[i];
            const auto* seq = std::get_if<SequenceStep>(&step.body);
            if (seq != nullptr && plays(step)) {
                ways_[i] = ways_of_step(step.id, *seq, rig, slots);
            }
        }
    }

    // The way `step` (one of the procedure's) is played with `variant` (one of its own, or
    // null); throws std::out_of_range for a step or variant it did not plan.
    const PlayedWay& way(const Procedure& procedure, const Step& step,
                         const SequenceVariant* variant) const;
    // Every way `step` may be played (none when it was not planned).
    const std::vector<PlayedWay>& ways(const Procedure& procedure, const Step& step) const {
        return ways_.at(static_cast<std::size_t>(&step - procedure.steps.data()));
    }

private:
    static std::vector<PlayedWay> ways_of_step(const std::string& step_id, const SequenceStep& seq,
                                               const Rig& rig, const std::vector<int>& slots);

    std::vector<std::vector<PlayedWay>> ways_; // by step, then by variant
};

} // namespace fobrig
