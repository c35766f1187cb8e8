#include "rig/protocol/fob_label.hpp"

#include <algorithm>

namespace fobrig {

std::optional<std::string> label_problem(const std::string& label) {
    constexpr std::size_t longest = 64;
    if (label.size() > longest) {
        return "a label is at most " + std::to_string(longest) + " bytes";
    }
    const auto control = std::find_if(label.begin(), label.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte < 0x20 || byte == 0x7f;
    });
    if (control != label.end()) {
        return "a label cannot hold a control character (byte " +
               std::to_string(static_cast<unsigned char>(*control)) + " at offset " +
               std::to_string(control - label.begin()) + ")";
    }
    return std::nullopt;
}

std::optional<std::string> stray_label(const std::vector<FobUnderTest>& fobs,
                                       const std::map<int, std::string>& labels) {
    for (const auto& [slot, label] : labels) {
        const bool in_run =
            std::any_of(fobs.begin(), fobs.end(),
                        [wanted = slot](const FobUnderTest& fob) { return fob.slot == wanted; });
        if (!in_run) {
            std::string slots;
            for (const auto& fob : fobs) {
                slots += (slots.empty() ? "" : ",") + std::to_string(fob.slot);
            }
            return "label \"" + label + "\" is for slot " + std::to_string(slot) +
                   ", which is not in this run (slots " + slots + ")";
        }
    }
    return std::nullopt;
}

} // namespace fobrig
