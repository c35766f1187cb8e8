#include "rig/cli/progress_line.hpp"

namespace fobrig {

std::string progress_line(const nlohmann::json& step) {
    std::string line;
    if (step.value("steps", 0) > 0) {
        line += "step " + std::to_string(step.value("number", 0)) + "/" +
                std::to_string(step.value("steps", 0)) + "  ";
    }
    line += "attempt " + std::to_string(step.value("attempt", 0));
    if (step.value("attempts", 0) > 0) {
        line += "/" + std::to_string(step.value("attempts", 0));
    }
    if (const int slot = step.value("slot", 0); slot != 0) {
        line += "  slot " + std::to_string(slot);
    }
    line += "  " + step.value("title", "");
    if (line.size() > progress_columns) {
        // Cut on a character boundary, not inside a UTF-8 sequence.
        std::size_t cut = progress_columns - 3;
        while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) {
            --cut;
        }
        line = line.substr(0, cut) + "...";
    }
    return line;
}

} // namespace fobrig
