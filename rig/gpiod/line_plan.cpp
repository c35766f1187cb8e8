// Chip lookup and per-chip grouping of a rig's lines, with errors that name the rig's line.
#include "rig/gpiod/line_plan.hpp"

#include "rig/gpiod/chip_query.hpp"

#include <algorithm>
#include <filesystem>
#include <map>

namespace fobrig {
namespace {

bool all_digits(const std::string& text) {
    return !text.empty() && std::ranges::all_of(text, [](char c) { return c >= '0' && c <= '9'; });
}

std::string base_name(const std::string& path) {
    return std::filesystem::path(path).filename().string();
}

// "gpiochip12" sorts after "gpiochip2".
unsigned chip_number(const std::string& path) {
    const std::string name = base_name(path);
    const std::string digits = name.substr(std::string("gpiochip").size());
    return all_digits(digits) ? static_cast<unsigned>(std::stoul(digits)) : 0;
}

std::string known_chips(const std::vector<ChipInfo>& chips) {
    if (chips.empty()) {
        return "there is no /dev/gpiochip* at all";
    }
    std::string text = "the chips are";
    for (const ChipInfo& chip : chips) {
        text += (&chip == &chips.front() ? " " : ", ") + base_name(chip.path) + " '" + chip.label +
                "'" + (chip.problem.empty() ? "" : " (" + chip.problem + ")");
    }
    return text;
}

std::string describe(const std::string& user, const LineRef& line) {
    return user + " (chip '" + line.chip + "' line " + std::to_string(line.offset) + ")";
}

} // namespace

std::vector<ChipInfo> list_chips(const std::function<ChipInfo(const std::string& path)>& open_chip,
                                 const std::string& dev_dir) {
    std::vector<std::string> paths;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(dev_dir, error)) {
        if (entry.path().filename().string().starts_with("gpiochip")) {
            paths.push_back(entry.path().string());
        }
    }
    std::ranges::sort(paths, {}, chip_number);
    std::vector<ChipInfo> chips;
    for (const std::string& path : paths) {
        try {
            chips.push_back(open_chip(path));
        } catch (const std::exception& e) {
            chips.push_back({.path = path, .problem = e.what()});
        }
    }
    return chips;
}

std::string resolve_chip(const std::string& ref, const std::vector<ChipInfo>& chips,
                         const std::string& who) {
    const std::string name = all_digits(ref) ? "gpiochip" + ref : ref;
    std::vector<const ChipInfo*> matches;
    for (const ChipInfo& chip : chips) {
        if (chip.path == ref || base_name(chip.path) == name) {
            return chip.path;
        }
        if (chip.label == ref) {
            matches.push_back(&chip);
        }
    }
    if (matches.size() > 1) {
        throw LineRequestError(who + ": more than one chip is labelled '" + ref +
                               "': name it by path instead (" + known_chips(chips) + ")");
    }
    if (matches.empty()) {
        throw LineRequestError(who + ": no gpiochip is named or labelled '" + ref + "' (" +
                               known_chips(chips) + ")");
    }
    return matches.front()->path;
}

const ChipInfo& chip_of(const LineRef& line, const std::vector<ChipInfo>& chips,
                        const std::string& who) {
    const std::string path = resolve_chip(line.chip, chips, who);
    const ChipInfo& chip = *std::ranges::find(chips, path, &ChipInfo::path);
    if (!chip.problem.empty()) {
        throw LineRequestError(who + ": cannot open " + path + ": " + chip.problem);
    }
    if (line.offset >= chip.num_lines) {
        throw LineRequestError(who + ": " + base_name(path) + " '" + chip.label + "' has only " +
                               std::to_string(chip.num_lines) + " lines (0 to " +
                               std::to_string(chip.num_lines - 1) + ")");
    }
    return chip;
}

namespace {

// One line of the rig: its offset, and its name in error messages, taken from `line`.
RigLine rig_line(std::string user, const LineRef& line, bool input, PlannedLine planned) {
    planned.offset = line.offset;
    planned.who = describe(user, line);
    return {.user = std::move(user), .line = line, .input = input, .planned = std::move(planned)};
}

} // namespace

std::vector<RigLine> rig_lines(const Rig& rig) {
    std::vector<RigLine> lines;
    for (std::size_t i = 0; i < rig.outputs.size(); ++i) {
        const OutputChannel& o = rig.outputs[i];
        lines.push_back(
            rig_line(channel_text(o), o.line, false, {.index = i, .active_low = o.active_low}));
    }
    if (rig.enable) {
        // Driven like an output, after them (Rig::enable_channel), so that every path that
        // opens the outputs leaves it inactive too.
        lines.push_back(
            rig_line("the enable line", rig.enable->line, false,
                     {.index = rig.enable_channel(), .active_low = rig.enable->active_low}));
    }
    for (std::size_t i = 0; i < rig.senses.size(); ++i) {
        const SenseInput& s = rig.senses[i];
        lines.push_back(rig_line(
            "sense input '" + s.role + "'", s.line, true,
            {.index = i, .active_low = s.active_low, .debounce = s.debounce, .bias = s.bias}));
    }
    // Read-back lines are inputs too, numbered after the senses, and never debounced: their
    // bounce is what calibration measures.
    for (std::size_t i = 0; i < rig.outputs.size(); ++i) {
        const OutputChannel& o = rig.outputs[i];
        if (o.readback) {
            lines.push_back(rig_line(channel_text(o) + "'s read-back", *o.readback, true,
                                     {.index = rig.readback_input(i),
                                      .active_low = o.readback_active_low,
                                      .bias = o.readback_bias}));
        }
    }
    return lines;
}

std::vector<ChipPlan> plan_lines(const Rig& rig, const std::vector<ChipInfo>& chips) {
    std::vector<ChipPlan> plans;
    std::map<std::string, std::size_t> plan_of_chip;
    for (RigLine& line : rig_lines(rig)) {
        const std::string& path = chip_of(line.line, chips, line.planned.who).path;
        const auto [it, fresh] = plan_of_chip.try_emplace(path, plans.size());
        if (fresh) {
            plans.push_back({.path = path});
        }
        ChipPlan& plan = plans[it->second];
        (line.input ? plan.inputs : plan.outputs).push_back(std::move(line.planned));
    }
    return plans;
}

void check_free(const ChipPlan& plan) {
    for (const auto* lines : {&plan.outputs, &plan.inputs}) {
        for (const PlannedLine& planned : *lines) {
            if (const LineUse use = line_use(plan.path, planned.offset); use.used) {
                throw line_busy(planned, use.consumer);
            }
        }
    }
}

LineRequestError line_busy(const PlannedLine& line, const std::string& consumer) {
    return LineRequestError(line.who + ": the line is in use by " +
                            (consumer.empty() ? "another consumer" : "'" + consumer + "'"));
}

[[noreturn]] void request_refused(const std::vector<PlannedLine>& lines, const std::exception& e) {
    std::string who;
    for (const PlannedLine& line : lines) {
        who += (who.empty() ? "" : ", ") + line.who;
    }
    throw LineRequestError(who + ": the kernel refused the request: " + e.what());
}

} // namespace fobrig
