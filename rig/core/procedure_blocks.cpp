// Lays out repeated blocks of steps and repeated actions into the plain steps a run plays.
#include "rig/core/procedure_blocks.hpp"

#include "rig/core/procedure_check_parts.hpp"
#include "rig/core/procedure_events.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <utility>

namespace fobrig {
namespace {

using procedure_checks::in_quotes;
using procedure_checks::ms_text;

std::string block_name(std::size_t index) {
    return "[[repeat]] " + std::to_string(index + 1);
}

// A block found among the steps, and how often it is played.
struct Placed {
    int repetitions = 0;
    const StepBlock* block = nullptr;
};

struct Layout {
    std::vector<Placed> placed;
    std::vector<int> owner; // by step: its block's index into `placed`, or -1
};

// The block the step `event` names belongs to.
int owner_of(const Procedure& procedure, const Layout& layout, std::string_view event) {
    const auto step = std::ranges::find(procedure.steps, event_parts(event).step, &Step::id);
    return step == procedure.steps.end()
               ? -1
               : layout.owner[static_cast<std::size_t>(step - procedure.steps.begin())];
}

// "on" -> "on#2", "code.press" -> "code#2.press".
std::string in_repetition(std::string_view event, int k) {
    const EventParts parts = event_parts(event);
    std::string renamed(parts.step);
    renamed += "#" + std::to_string(k);
    if (parts.action) {
        renamed += ".";
        renamed += *parts.action;
    }
    return renamed;
}

Layout place_blocks(const Procedure& procedure, const std::vector<StepBlock>& blocks,
                    std::vector<Problem>& problems) {
    Layout layout{.owner = std::vector<int>(procedure.steps.size(), -1)};
    for (std::size_t b = 0; b < blocks.size(); ++b) {
        const StepBlock& block = blocks[b];
        const std::string name = block_name(b);
        if (!block.per_fob && block.times < 1) {
            continue; // the loader said how often is missing
        }
        if (block.steps.empty()) {
            problems.push_back({block.pos, name + " names no steps: list the ids of the steps it "
                                                  "repeats in 'steps'"});
            continue;
        }
        const auto first = std::ranges::find(procedure.steps, block.steps.front(), &Step::id);
        if (first == procedure.steps.end()) {
            problems.push_back({block.pos, name + " names step " + in_quotes(block.steps.front()) +
                                               ", which is none"});
            continue;
        }
        const auto at = static_cast<std::size_t>(first - procedure.steps.begin());
        bool placed = true;
        for (std::size_t j = 0; j < block.steps.size() && placed; ++j) {
            const std::size_t index = at + j;
            if (index >= procedure.steps.size() || procedure.steps[index].id != block.steps[j]) {
                problems.push_back(
                    {block.pos, name + " names step " + in_quotes(block.steps[j]) +
                                    ", which is not the step after " +
                                    in_quotes(block.steps[j - 1]) +
                                    ": a block's steps stand one after another, in that order"});
                placed = false;
            } else if (layout.owner[index] >= 0) {
                problems.push_back({block.pos, name + " repeats step " + in_quotes(block.steps[j]) +
                                                   ", which another block repeats already"});
                placed = false;
            }
        }
        int repetitions = block.times;
        if (block.per_fob) {
            repetitions = procedure.applies_to.max_keys;
            if (repetitions == 0 || repetitions > max_repetitions) {
                problems.push_back(
                    {block.pos, name +
                                    " is repeated for each fob, once for each the car keeps: "
                                    "say how many with max_keys in [applies_to] (at most " +
                                    std::to_string(max_repetitions) + ")"});
                placed = false;
            }
        }
        if (!placed) {
            continue;
        }
        for (std::size_t j = 0; j < block.steps.size(); ++j) {
            layout.owner[at + j] = static_cast<int>(layout.placed.size());
        }
        layout.placed.push_back({.repetitions = repetitions, .block = &block});
    }
    return layout;
}

// The actions with their repeated run laid out for a fob whose number is `fob` (0: none).
std::vector<ButtonAction> laid_out_actions(const std::vector<ButtonAction>& actions, int fob,
                                           const std::string& step_id,
                                           std::vector<Problem>& problems) {
    const auto repeated = [](const ButtonAction& action) { return action.repeat.has_value(); };
    const auto first = std::ranges::find_if(actions, repeated);
    if (first == actions.end()) {
        return actions;
    }
    const auto end = std::find_if_not(first, actions.end(), repeated);
    const ActionRepeat& repeat = *first->repeat;
    const auto label = [&](const ButtonAction& action) {
        return action.name.empty() ? "an action of step " + in_quotes(step_id)
                                   : "action " + in_quotes(action.name);
    };
    if (const auto stray = std::find_if(end, actions.end(), repeated); stray != actions.end()) {
        problems.push_back({stray->repeat->pos,
                            label(*stray) + " repeats, but is not next to the repeated " +
                                label(*first) + ": the actions a step repeats stand side by side"});
        return actions;
    }
    for (auto it = first; it != end; ++it) {
        if (it->repeat->times != repeat.times || it->repeat->per_fob != repeat.per_fob ||
            it->repeat->every != repeat.every) {
            problems.push_back({it->repeat->pos, label(*it) + " repeats otherwise than " +
                                                     label(*first) +
                                                     ": actions side by side repeat together, "
                                                     "with the same 'times' and 'every_ms'"});
            return actions;
        }
    }
    if (repeat.per_fob && fob == 0) {
        problems.push_back(
            {repeat.pos, "times = \"fob\" in " + label(*first) +
                             " is the fob's number, which only a block repeated for each fob "
                             "knows: put the step in a [[repeat]] with for_each = \"fob\""});
        return actions;
    }
    const Duration span = std::prev(end)->at - first->at;
    if (span >= repeat.every) {
        problems.push_back({repeat.pos, "the repeated actions from " + label(*first) + " span " +
                                            ms_text(span) +
                                            ", so every_ms = " + ms_text(repeat.every) +
                                            " would start the next before they end"});
        return actions;
    }
    const int times = repeat.per_fob ? fob : repeat.times;
    std::vector<ButtonAction> out(actions.begin(), first);
    for (int r = 0; r < times; ++r) {
        for (auto it = first; it != end; ++it) {
            ButtonAction& copy = out.emplace_back(*it);
            copy.repeat.reset();
            copy.at += r * repeat.every;
            if (!copy.name.empty() && r + 1 < times) {
                copy.name += "#" + std::to_string(r + 1);
            }
        }
    }
    for (auto it = end; it != actions.end(); ++it) {
        ButtonAction& copy = out.emplace_back(*it);
        copy.at += (times - 1) * repeat.every;
    }
    return out;
}

void lay_out_sequence(SequenceStep& seq, int fob, const std::string& step_id,
                      std::vector<Problem>& problems) {
    seq.actions = laid_out_actions(seq.actions, fob, step_id, problems);
    for (SequenceVariant& variant : seq.variants) {
        variant.actions = laid_out_actions(variant.actions, fob, step_id, problems);
    }
}

// Step `step` as repetition `k` of `placed` plays it.
Step in_block(const Procedure& procedure, const Layout& layout, const Step& step,
              const Placed& placed, int owner, int k, std::vector<Problem>& problems) {
    Step copy = step;
    copy.id = in_repetition(step.id, k);
    copy.title += placed.block->per_fob ? " (fob " + std::to_string(k) + ")"
                                        : " (" + std::to_string(k) + " of " +
                                              std::to_string(placed.repetitions) + ")";
    copy.fob = placed.block->per_fob ? k : 0;
    if (auto* op = std::get_if<OperatorStep>(&copy.body)) {
        if (!op->hold_through.empty() && owner_of(procedure, layout, op->hold_through) == owner) {
            op->hold_through = in_repetition(op->hold_through, k);
        }
    } else if (auto* seq = std::get_if<SequenceStep>(&copy.body)) {
        if (placed.block->per_fob) {
            seq->each_fob = false; // it acts on the block's fob
        }
        lay_out_sequence(*seq, copy.fob, step.id, problems);
    }
    return copy;
}

// The procedure's windows, those between two steps of a block judged in each repetition, and
// each block's gap between its repetitions.
std::vector<Window> laid_out_windows(const Procedure& procedure, const Layout& layout,
                                     std::vector<Problem>& problems) {
    std::vector<Window> windows;
    for (const Window& window : procedure.windows) {
        const int from = owner_of(procedure, layout, window.from);
        const int to = owner_of(procedure, layout, window.to);
        if (from < 0 && to < 0) {
            windows.push_back(window);
        } else if (from != to) {
            problems.push_back(
                {window.pos, "the window from " + in_quotes(window.from) + " to " +
                                 in_quotes(window.to) +
                                 " joins a repeated step to a step outside its block: name two "
                                 "events of one block, or give the block a 'gap'"});
        } else {
            for (int k = 1; k <= layout.placed[static_cast<std::size_t>(from)].repetitions; ++k) {
                Window& copy = windows.emplace_back(window);
                copy.from = in_repetition(window.from, k);
                copy.to = in_repetition(window.to, k);
            }
        }
    }
    for (std::size_t b = 0; b < layout.placed.size(); ++b) {
        const Placed& placed = layout.placed[b];
        if (!placed.block->gap) {
            continue;
        }
        const Window& gap = *placed.block->gap;
        const auto owner = static_cast<int>(b);
        if (owner_of(procedure, layout, gap.from) != owner ||
            owner_of(procedure, layout, gap.to) != owner) {
            problems.push_back({gap.pos, "the gap from " + in_quotes(gap.from) + " to " +
                                             in_quotes(gap.to) +
                                             " must name events of the block's own steps"});
            continue;
        }
        for (int k = 1; k < placed.repetitions; ++k) {
            Window& copy = windows.emplace_back(gap);
            copy.from = in_repetition(gap.from, k);
            copy.to = in_repetition(gap.to, k + 1);
        }
    }
    return windows;
}

// The message without its numbers.
std::string without_numbers(const std::string& message) {
    std::string out;
    for (const char c : message) {
        if (std::isdigit(static_cast<unsigned char>(c)) == 0) {
            out += c;
        }
    }
    return out;
}

using Line = std::pair<int, int>; // a position's line and column

Line line_of(const SourcePos& pos) {
    return {pos.line, pos.column};
}

void count_confirmation(const std::optional<Confirmation>& confirm, std::map<Line, int>& seen) {
    if (confirm) {
        ++seen[line_of(confirm->pos)];
    }
}

void count_sequence_parts(const std::vector<ButtonAction>& actions,
                          const std::vector<Window>& windows, std::map<Line, int>& seen) {
    for (const ButtonAction& action : actions) {
        ++seen[line_of(action.pos)];
    }
    for (const Window& window : windows) {
        ++seen[line_of(window.pos)];
    }
}

// How often the laid-out procedure holds each position of the file.
std::map<Line, int> positions_played(const Procedure& procedure) {
    std::map<Line, int> seen;
    for (const Step& step : procedure.steps) {
        ++seen[line_of(step.pos)];
        if (const auto* op = std::get_if<OperatorStep>(&step.body)) {
            count_confirmation(op->confirm, seen);
        } else {
            const auto& seq = std::get<SequenceStep>(step.body);
            count_sequence_parts(seq.actions, seq.windows, seen);
            count_confirmation(seq.confirm, seen);
            for (const SequenceVariant& variant : seq.variants) {
                count_sequence_parts(variant.actions, variant.windows, seen);
                count_confirmation(variant.confirm, seen);
            }
        }
    }
    for (const Window& window : procedure.windows) {
        ++seen[line_of(window.pos)];
    }
    return seen;
}

} // namespace

void drop_repeated_problems(const Procedure& laid_out, std::vector<Problem>& problems) {
    const std::map<Line, int> seen = positions_played(laid_out);
    std::vector<Problem> kept;
    for (Problem& problem : problems) {
        const auto played = seen.find(line_of(problem.pos));
        const bool repeated =
            played != seen.end() && played->second > 1 &&
            std::ranges::any_of(kept, [&](const Problem& other) {
                return line_of(other.pos) == line_of(problem.pos) &&
                       without_numbers(other.message) == without_numbers(problem.message);
            });
        if (!repeated) {
            kept.push_back(std::move(problem));
        }
    }
    problems = std::move(kept);
}

std::vector<Problem> lay_out_repetitions(Procedure& procedure,
                                         const std::vector<StepBlock>& blocks) {
    std::vector<Problem> problems;
    const Layout layout = place_blocks(procedure, blocks, problems);
    if (!problems.empty()) {
        return problems;
    }
    std::vector<Window> windows = laid_out_windows(procedure, layout, problems);
    std::vector<Step> steps;
    for (std::size_t i = 0; i < procedure.steps.size();) {
        const int owner = layout.owner[i];
        if (owner < 0) {
            Step& step = steps.emplace_back(procedure.steps[i++]);
            if (auto* seq = std::get_if<SequenceStep>(&step.body)) {
                lay_out_sequence(*seq, 0, step.id, problems);
            }
            continue;
        }
        const Placed& placed = layout.placed[static_cast<std::size_t>(owner)];
        const std::size_t count = placed.block->steps.size();
        for (int k = 1; k <= placed.repetitions; ++k) {
            for (std::size_t j = 0; j < count; ++j) {
                steps.push_back(in_block(procedure, layout, procedure.steps[i + j], placed, owner,
                                         k, problems));
            }
        }
        i += count;
    }
    procedure.steps = std::move(steps);
    procedure.windows = std::move(windows);
    procedure_checks::drop_repeats(problems);
    return problems;
}

} // namespace fobrig
