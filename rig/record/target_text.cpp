#include "rig/record/target_text.hpp"

namespace fobrig {

std::string target_text(const std::optional<TargetRecord>& target) {
    if (!target) {
        return "car not recorded";
    }
    if (!target->simulated) {
        return "real hardware";
    }
    // "simulated car: BMW E46 (bmw-e46)", or as records before the car was named say it.
    std::string text = target->sim_car.empty() ? std::string("simulated car")
                                               : "simulated car: " + target->sim_car_name + " (" +
                                                     target->sim_car + ")";
    if (target->sim_faults.empty()) {
        return text + ", no faults";
    }
    text += ", faults: ";
    for (std::size_t i = 0; i < target->sim_faults.size(); ++i) {
        text += (i == 0 ? "" : ", ") + target->sim_faults[i];
    }
    return text;
}

} // namespace fobrig
