// Delays and bounce in milliseconds to 0.1 ms, which is finer than any relay repeats itself.
#include "rig/record/wiring_report.hpp"

#include "rig/record/decimal_text.hpp"

namespace fobrig {
std::string line_text(const LineRef& line) {
    return line.chip + ":" + std::to_string(line.offset);
}

namespace {

std::string ms_text(Duration d) {
    return decimal_text(d, milliseconds(1), 1) + " ms";
}

std::string joined(const std::vector<std::string>& parts) {
    std::string text;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        text += (i == 0 ? "" : i + 1 == parts.size() ? " and " : ", ") + parts[i];
    }
    return text;
}

std::string transition_text(const std::optional<ContactTransition>& t, const char* moved,
                            const char* not_moved) {
    if (!t) {
        return not_moved;
    }
    std::string text = std::string(moved) + " after " + ms_text(t->delay);
    if (t->extra_edges == 0) {
        return text + " (no bounce)";
    }
    return text + " (bounce " + ms_text(t->bounce) + ", " + std::to_string(t->extra_edges) +
           (t->extra_edges == 1 ? " extra edge)" : " extra edges)");
}

std::string closed_open(bool closed) {
    return closed ? "closed" : "open";
}

} // namespace

std::string output_check_text(const OutputCheck& check, const Rig& rig) {
    const OutputChannel& output = rig.outputs.at(check.channel);
    std::string text = channel_text(output) + " (" + line_text(output.line) + "): ";
    if (check.fault()) {
        text += "FAULT, ";
    } else if (check.readback || check.line) {
        text += "ok, ";
    }
    if (check.readback) {
        text += "read-back ";
        if (check.fault()) {
            text += "(" + line_text(*output.readback) + ") ";
        }
        text += transition_text(check.close, "closed", "did not close") + ", " +
                transition_text(check.open, "opened", "did not open");
    } else if (check.line) {
        text += "no read-back wired; the line reads " + closed_open(check.line->driven) +
                " when driven, " + closed_open(check.line->released) + " after release";
    } else {
        text += "no read-back wired, not checked";
    }
    if (!check.answers.empty()) {
        std::vector<std::string> roles;
        for (const std::size_t input : check.answers) {
            roles.push_back(rig.senses.at(input).role);
        }
        text += "; the car answered: " + joined(roles);
    }
    for (const std::size_t channel : check.other_contacts) {
        const OutputChannel& other = rig.outputs.at(channel);
        text +=
            "; the read-back of " + channel_text(other) + " moved too: crossed read-back lines?";
    }
    return text;
}

namespace {

std::string answer_text(const SenseCheck& check) {
    if (check.toggled()) {
        return "toggled when asked";
    }
    if (check.went_active) {
        return "went active when asked, and stayed active";
    }
    if (check.went_inactive) {
        return "went inactive when asked, and stayed inactive";
    }
    return check.skipped ? "skipped" : "did not toggle when asked";
}

} // namespace

std::string sense_check_text(const SenseCheck& check, const Rig& rig) {
    const SenseInput& sense = rig.senses.at(check.input);
    std::string text = sense.role + " input (" + line_text(sense.line) + "): ";
    if (check.fault()) {
        text += "FAULT, ";
    } else if (check.moved()) {
        text += "ok, ";
    }
    if (!check.level) {
        text += "level not read";
    } else if (*check.level) {
        text += "active at the start (a car at rest drives no signal: check active_low)";
    } else {
        text += "inactive at the start";
    }
    text += ", " + answer_text(check);
    if (check.others.empty()) {
        return text;
    }
    std::vector<std::string> others;
    for (const std::size_t input : check.others) {
        others.push_back(rig.senses.at(input).role);
    }
    const std::string inputs =
        "the " + joined(others) + (others.size() == 1 ? " input" : " inputs");
    if (check.moved()) {
        return text + "; " + inputs + " moved as well: one signal wired to two inputs?";
    }
    text += "; " + inputs + " answered instead";
    if (others.size() == 1) {
        text += ": " + sense.role + " and " + others.front() + " swapped?";
    }
    return text;
}

std::string output_report(const std::vector<OutputCheck>& checks, const Rig& rig) {
    std::string text;
    for (const OutputCheck& check : checks) {
        text += output_check_text(check, rig) + '\n';
    }
    return text;
}

std::string sense_report(const std::vector<SenseCheck>& checks, const Rig& rig) {
    std::string text;
    for (const SenseCheck& check : checks) {
        text += sense_check_text(check, rig) + '\n';
    }
    return text;
}

} // namespace fobrig
