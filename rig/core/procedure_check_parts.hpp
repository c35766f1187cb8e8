// What the checks of a procedure alone and against a rig share. Internal to procedure_check*.
#pragma once

#include "rig/core/procedure_check.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

namespace fobrig::procedure_checks {

inline std::string in_quotes(const std::string& s) {
    return "'" + s + "'";
}

inline std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) {
        out += (out.empty() ? "" : ", ") + item;
    }
    return out;
}

inline std::string ms_count(Duration d) {
    return std::to_string(std::chrono::duration_cast<milliseconds>(d).count());
}

inline std::string ms_text(Duration d) {
    return ms_count(d) + " ms";
}

// The message without its repetitions' numbers: "step 'code#2'" as "step 'code#'".
inline std::string without_repetition(const std::string& message) {
    std::string out;
    for (std::size_t i = 0; i < message.size(); ++i) {
        out += message[i];
        if (message[i] == '#') {
            while (i + 1 < message.size() &&
                   std::isdigit(static_cast<unsigned char>(message[i + 1]))) {
                ++i;
            }
        }
    }
    return out;
}

// Variants that share the step's fields, and a block's repetitions (procedure_blocks.hpp),
// would report the same problem once each: keep the first.
inline void drop_repeats(std::vector<Problem>& problems) {
    std::vector<Problem> kept;
    for (Problem& problem : problems) {
        const bool seen = std::ranges::any_of(kept, [&](const Problem& other) {
            return other.pos.line == problem.pos.line && other.pos.column == problem.pos.column &&
                   without_repetition(other.message) == without_repetition(problem.message);
        });
        if (!seen) {
            kept.push_back(std::move(problem));
        }
    }
    problems = std::move(kept);
}

// A button's closed interval in a sequence; `released` is null if nothing releases it.
struct Hold {
    std::string button;
    std::size_t pressed = 0;
    const ButtonAction* released = nullptr;
};

// Follows the presses and releases in order, reporting those that make no sense.
std::vector<Hold> walk_presses(const Step& step, const SequenceStep& seq,
                               std::vector<Problem>& problems);

} // namespace fobrig::procedure_checks
