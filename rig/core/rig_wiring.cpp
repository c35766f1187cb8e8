#include "rig/core/rig_wiring.hpp"

#include "rig/core/text_append.hpp"

namespace fobrig {

std::string channel_name(const OutputChannel& output) {
    return output.car_switch.empty() ? "slot" + std::to_string(output.slot) + "." + output.button
                                     : "car." + output.car_switch;
}

std::string channel_text(const OutputChannel& output) {
    std::string text;
    append_channel_text(text, output);
    return text;
}

void append_channel_text(std::string& text, const OutputChannel& output) {
    if (output.car_switch.empty()) {
        append(text, "slot ", std::to_string(output.slot), " ", output.button);
    } else {
        append(text, "the car's ", output.car_switch, " switch");
    }
}

std::optional<std::size_t> Rig::output_index(int slot, const std::string& button) const {
    for (std::size_t i = 0; i < outputs.size(); ++i) {
        if (outputs[i].slot == slot && outputs[i].button == button) {
            return i;
        }
    }
    return std::nullopt;
}

std::optional<std::size_t> Rig::sense_index(const std::string& role) const {
    for (std::size_t i = 0; i < senses.size(); ++i) {
        if (senses[i].role == role) {
            return i;
        }
    }
    return std::nullopt;
}

std::optional<std::size_t> Rig::car_output(const std::string& role) const {
    for (std::size_t i = 0; i < outputs.size(); ++i) {
        if (!outputs[i].car_switch.empty() && outputs[i].car_switch == role) {
            return i;
        }
    }
    return std::nullopt;
}

std::optional<std::size_t> Rig::readback_output(std::size_t input) const {
    if (input < senses.size() || input - senses.size() >= outputs.size()) {
        return std::nullopt;
    }
    return input - senses.size();
}

} // namespace fobrig
