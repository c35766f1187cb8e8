// The shipped procedure and rig files with one passage changed, as a user would change them,
// and where in the changed text an error must point.
#pragma once

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace fobrig::testing {

inline std::string shipped_text(const std::string& relative) {
    std::ifstream file(std::string(FOBRIG_CONFIG_DIR "/") + relative);
    if (!file) {
        throw std::logic_error("cannot read the shipped file " + relative);
    }
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
}

// `text` with every `from` replaced by `to`; throws when `from` is not there.
inline std::string replaced(std::string text, const std::string& from, const std::string& to) {
    std::size_t at = text.find(from);
    if (at == std::string::npos) {
        throw std::logic_error("the shipped file no longer contains: " + from);
    }
    for (; at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

// `text` with its first `from` replaced by `to`.
inline std::string replaced_once(std::string text, const std::string& from, const std::string& to) {
    const std::size_t at = text.find(from);
    if (at == std::string::npos) {
        throw std::logic_error("the shipped file no longer contains: " + from);
    }
    return text.replace(at, from.size(), to);
}

// "LINE:COL" (1-based) of the character at `offset`.
inline std::string position_at(const std::string& text, std::size_t offset) {
    const std::size_t line_start = text.rfind('\n', offset) + 1; // npos + 1 is 0
    const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n');
    return std::to_string(line) + ":" + std::to_string(offset - line_start + 1);
}

// "LINE:COL" of the first `needle` in `text`.
inline std::string position_of(const std::string& text, const std::string& needle) {
    const std::size_t at = text.find(needle);
    if (at == std::string::npos) {
        throw std::logic_error("the text does not contain: " + needle);
    }
    return position_at(text, at);
}

// "LINE:1" of the [[step]] header of the step with `id`.
inline std::string step_position(const std::string& text, const std::string& id) {
    const std::size_t at = text.find("id = \"" + id + "\"");
    if (at == std::string::npos) {
        throw std::logic_error("the text has no step " + id);
    }
    return position_at(text, text.rfind("[[step]]", at));
}

} // namespace fobrig::testing
