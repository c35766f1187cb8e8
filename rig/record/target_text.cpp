#include "rig/record/target_text.hpp"

namespace fobrig {

std::string target_text(const std::optional<TargetRecord>& target) {
    if (!target) {
        return "car not recorded";
    }
    if (!target->simulated) {
        return "real hardware";
    }
    if (target->sim_faults.empty()) {
        return "simulated car, no faults";
    }
    std::string text = "simulated car, faults: ";
    for (std::size_t i = 0; i < target->sim_faults.size(); ++i) {
        text += (i == 0 ? "" : ", ") + target->sim_faults[i];
    }
    return text;
}

} // namespace fobrig
