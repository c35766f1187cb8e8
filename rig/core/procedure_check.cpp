// Structural and rig checks of procedures, shared by the loader, `validate` and the engine.
#include "rig/core/procedure_check.hpp"

#include "rig/core/indicator.hpp"

#include <algorithm>
#include <map>

namespace fobrig {
namespace {

std::string in_quotes(const std::string& s) {
    return "'" + s + "'";
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) {
        out += (out.empty() ? "" : ", ") + item;
    }
    return out;
}

std::string ms_count(Duration d) {
    return std::to_string(std::chrono::duration_cast<milliseconds>(d).count());
}

std::string ms_text(Duration d) {
    return ms_count(d) + " ms";
}

std::string action_label(const SequenceStep& seq, std::size_t index) {
    const ButtonAction& action = seq.actions[index];
    return action.name.empty() ? "action " + std::to_string(index + 1) : in_quotes(action.name);
}

// A button's closed interval in a sequence; `released` is null if nothing releases it.
struct Hold {
    std::string button;
    std::size_t pressed = 0;
    const ButtonAction* released = nullptr;
};

// Follows the presses and releases in order, reporting those that make no sense.
std::vector<Hold> walk_presses(const SequenceStep& seq, std::vector<Problem>& problems) {
    std::vector<Hold> holds;
    std::map<std::string, std::size_t> open; // button -> index into holds
    for (std::size_t i = 0; i < seq.actions.size(); ++i) {
        const ButtonAction& action = seq.actions[i];
        const std::string label = "action " + action_label(seq, i);
        for (const std::string& button : action.release) {
            if (auto it = open.find(button); it == open.end()) {
                problems.push_back({action.pos, label + " releases " + in_quotes(button) +
                                                    ", which is not pressed at that point"});
            } else {
                holds[it->second].released = &action;
                open.erase(it);
            }
        }
        for (const std::string& button : action.press) {
            if (std::ranges::count(action.release, button) > 0) {
                // Followed as a release only, so that the rest of the walk stays meaningful.
                problems.push_back({action.pos, label + " both presses and releases " +
                                                    in_quotes(button) + "; split it in two"});
            } else if (auto it = open.find(button); it != open.end()) {
                problems.push_back({action.pos, label + " presses " + in_quotes(button) +
                                                    ", which is already pressed since action " +
                                                    action_label(seq, holds[it->second].pressed)});
            } else {
                open[button] = holds.size();
                holds.push_back({button, i, nullptr});
            }
        }
    }
    return holds;
}

void check_still_pressed(const SequenceStep& seq, const std::vector<Hold>& holds,
                         std::vector<Problem>& problems) {
    for (const Hold& hold : holds) {
        if (hold.released == nullptr) {
            problems.push_back(
                {seq.actions[hold.pressed].pos,
                 in_quotes(hold.button) + " is still pressed after the last action " +
                     "(pressed by action " + action_label(seq, hold.pressed) + "); release it"});
        }
    }
}

// Reports every name after its first use; `what` says what kind of name it is.
void check_unique(const std::vector<std::pair<std::string, SourcePos>>& names,
                  const std::string& what, std::vector<Problem>& problems) {
    std::map<std::string, SourcePos> first;
    for (const auto& [name, pos] : names) {
        if (name.empty()) {
            continue;
        }
        if (auto [it, fresh] = first.try_emplace(name, pos); !fresh) {
            problems.push_back({pos, what + " " + in_quotes(name) +
                                         " is used twice (first at line " +
                                         std::to_string(it->second.line) + ")"});
        }
    }
}

void check_action_names(const Step& step, const SequenceStep& seq, std::vector<Problem>& problems) {
    std::vector<std::pair<std::string, SourcePos>> names;
    for (const ButtonAction& action : seq.actions) {
        names.emplace_back(action.name, action.pos);
    }
    check_unique(names, "in step " + in_quotes(step.id) + ", action name", problems);
}

void check_action_order(const SequenceStep& seq, std::vector<Problem>& problems) {
    for (std::size_t i = 1; i < seq.actions.size(); ++i) {
        const ButtonAction& before = seq.actions[i - 1];
        const ButtonAction& action = seq.actions[i];
        if (action.at <= before.at) {
            problems.push_back(
                {action.pos,
                 "action " + action_label(seq, i) + " at " + ms_text(action.at) +
                     (action.at == before.at ? " is at the same time as" : " comes before") +
                     " the previous action " + action_label(seq, i - 1) + " at " +
                     ms_text(before.at) + "; actions must be in time order"});
        }
    }
}

// Whether every action does something with buttons that [buttons] lists.
bool check_action_contents(const Procedure& procedure, const SequenceStep& seq,
                           std::vector<Problem>& problems) {
    std::vector<std::string> known;
    for (const auto& [name, where] : procedure.buttons) {
        known.push_back(name);
    }
    const std::size_t before = problems.size();
    for (std::size_t i = 0; i < seq.actions.size(); ++i) {
        const ButtonAction& action = seq.actions[i];
        const std::string label = "action " + action_label(seq, i);
        if (action.press.empty() && action.release.empty()) {
            problems.push_back({action.pos, label + " presses and releases nothing"});
        }
        for (const auto& [verb, buttons] :
             {std::pair{" presses ", &action.press}, std::pair{" releases ", &action.release}}) {
            for (const std::string& button : *buttons) {
                if (!procedure.buttons.contains(button)) {
                    problems.push_back({action.pos, label + verb + in_quotes(button) +
                                                        ", which is not in [buttons] (known: " +
                                                        join(known) + ")"});
                }
            }
        }
    }
    return problems.size() == before;
}

const ButtonAction* find_action(const SequenceStep& seq, const std::string& name) {
    auto it = std::ranges::find(seq.actions, name, &ButtonAction::name);
    return it == seq.actions.end() ? nullptr : &*it;
}

void check_window(const SequenceStep& seq, const Window& window, std::vector<Problem>& problems) {
    const ButtonAction* from = find_action(seq, window.from);
    const ButtonAction* to = find_action(seq, window.to);
    for (const auto& [field, name, action] :
         {std::tuple{"from", &window.from, from}, std::tuple{"to", &window.to, to}}) {
        if (action == nullptr) {
            problems.push_back({window.pos, std::string("the window's '") + field +
                                                "' names action " + in_quotes(*name) +
                                                ", which the step does not have"});
        }
    }
    if (from == nullptr || to == nullptr) {
        return;
    }
    const Duration gap = to->at - from->at;
    if (gap < Duration{}) {
        problems.push_back(
            {window.pos, "window runs backwards: " + window.to + " comes before " + window.from});
    } else if (gap > window.max) {
        problems.push_back({window.pos, window.to + " comes " + duration_text(gap) + " after " +
                                            window.from + ", the window allows " +
                                            duration_text(window.max) + " (" +
                                            ms_text(gap - window.max) + " too late)"});
    }
}

void check_start_within(const Step& step, const SequenceStep& seq, std::vector<Problem>& problems) {
    if (seq.start_within == Duration{} || seq.actions.empty()) {
        return; // no limit
    }
    const Duration first = seq.start_after + seq.actions.front().at;
    if (first > seq.start_within) {
        problems.push_back(
            {step.pos,
             "the first action comes " + duration_text(first) +
                 " after the previous step (start_after_ms = " + ms_count(seq.start_after) +
                 " + at_ms = " + ms_count(seq.actions.front().at) +
                 "), but start_within_ms allows " + duration_text(seq.start_within)});
    }
}

void check_confirmation(const SequenceStep& seq, const Confirmation& confirm,
                        std::vector<Problem>& problems) {
    if (confirm.pattern.empty()) {
        problems.push_back(
            {confirm.pos, "confirmation names no sense input: its pattern is empty"});
    }
    if (!confirm.after.empty() && find_action(seq, confirm.after) == nullptr) {
        problems.push_back({confirm.pos, "the confirmation's 'after' names action " +
                                             in_quotes(confirm.after) +
                                             ", which the step does not have"});
    }
}

void check_sequence(const Procedure& procedure, const Step& step, const SequenceStep& seq,
                    std::vector<Problem>& problems) {
    if (seq.actions.empty()) {
        problems.push_back({step.pos, "step " + in_quotes(step.id) + " has no actions"});
        return;
    }
    check_action_names(step, seq, problems);
    check_action_order(seq, problems);
    if (check_action_contents(procedure, seq, problems)) {
        // With a misspelt button, what is pressed when would only repeat that problem.
        check_still_pressed(seq, walk_presses(seq, problems), problems);
    }
    for (const Window& window : seq.windows) {
        check_window(seq, window, problems);
    }
    check_start_within(step, seq, problems);
    if (seq.confirm) {
        check_confirmation(seq, *seq.confirm, problems);
    }
}

bool has_slot(const Rig& rig, int slot) {
    return std::ranges::count(rig.slots, slot) > 0;
}

void check_slots_exist(const Rig& rig, const std::vector<int>& slots,
                       std::vector<Problem>& problems) {
    std::vector<std::string> wired;
    for (int slot : rig.slots) {
        wired.push_back(std::to_string(slot));
    }
    for (int slot : slots) {
        if (!has_slot(rig, slot)) {
            problems.push_back({{},
                                "slot " + std::to_string(slot) + " is not wired in rig " +
                                    in_quotes(rig.name) + " (its slots: " + join(wired) + ")"});
        }
    }
}

// Each button at the first action that presses it, in file order.
std::vector<std::pair<std::string, SourcePos>> buttons_used(const SequenceStep& seq) {
    std::vector<std::pair<std::string, SourcePos>> used;
    for (const ButtonAction& action : seq.actions) {
        for (const std::string& button : action.press) {
            if (std::ranges::find(used, button, &std::pair<std::string, SourcePos>::first) ==
                used.end()) {
                used.emplace_back(button, action.pos);
            }
        }
    }
    return used;
}

void check_buttons_wired(const SequenceStep& seq, const Rig& rig, const std::vector<int>& slots,
                         std::vector<Problem>& problems) {
    for (const auto& [button, pos] : buttons_used(seq)) {
        for (int slot : slots) {
            if (has_slot(rig, slot) && !rig.output_index(slot, button)) {
                problems.push_back({pos, "slot " + std::to_string(slot) + " has no " +
                                             in_quotes(button) + " button wired"});
            }
        }
    }
}

// A role may also be told by the indicator input; when it is not, say what would make it so.
std::string unwired_sense_text(const Procedure& procedure, const Rig& rig,
                               const std::string& role) {
    std::string text =
        "confirmation names sense input " + in_quotes(role) + ", which the rig does not wire";
    if (role != "lock" && role != "unlock") {
        return text;
    }
    if (!rig.sense_index(indicator_role)) {
        return procedure.indicator ? text + ", nor an " + in_quotes(indicator_role) + " input"
                                   : text;
    }
    return text + "; its " + in_quotes(indicator_role) +
           " input could tell it, but the procedure has no [indicator] table";
}

void check_senses_wired(const Procedure& procedure, const SequenceStep& seq, const Rig& rig,
                        std::vector<Problem>& problems) {
    if (!seq.confirm) {
        return;
    }
    for (const std::string& role : seq.confirm->pattern) {
        if (!rig.sense_index(role) && !indicator_tells(procedure, rig, role)) {
            problems.push_back({seq.confirm->pos, unwired_sense_text(procedure, rig, role)});
        }
    }
}

void check_max_hold(const SequenceStep& seq, const Rig& rig, const std::vector<int>& slots,
                    std::vector<Problem>& problems) {
    std::vector<Problem> ignored; // check_procedure reports these
    for (const Hold& hold : walk_presses(seq, ignored)) {
        if (hold.released == nullptr) {
            continue;
        }
        const ButtonAction& pressed = seq.actions[hold.pressed];
        const Duration held = hold.released->at - pressed.at;
        for (int slot : slots) {
            const auto index = rig.output_index(slot, hold.button);
            if (index && held > rig.outputs[*index].max_hold) {
                problems.push_back({pressed.pos, hold.button + " is held " + duration_text(held) +
                                                     ", longer than slot " + std::to_string(slot) +
                                                     " " + hold.button + "'s maximum of " +
                                                     duration_text(rig.outputs[*index].max_hold)});
            }
        }
    }
}

} // namespace

std::vector<Problem> check_procedure(const Procedure& procedure) {
    std::vector<Problem> problems;
    std::vector<std::pair<std::string, SourcePos>> ids;
    for (const Step& step : procedure.steps) {
        ids.emplace_back(step.id, step.pos);
        if (const auto* seq = std::get_if<SequenceStep>(&step.body)) {
            check_sequence(procedure, step, *seq, problems);
        }
    }
    check_unique(ids, "step id", problems);
    if (procedure.indicator &&
        procedure.indicator->lock_flashes == procedure.indicator->unlock_flashes) {
        problems.push_back({procedure.indicator->pos,
                            "'lock_flashes' and 'unlock_flashes' in [indicator] are both " +
                                std::to_string(procedure.indicator->lock_flashes) +
                                ": the rig could not tell lock from unlock"});
    }
    return problems;
}

std::vector<Problem> check_procedure_against_rig(const Procedure& procedure, const Rig& rig,
                                                 const std::vector<int>& slots) {
    std::vector<Problem> problems = check_procedure(procedure);
    check_slots_exist(rig, slots, problems);
    for (const Step& step : procedure.steps) {
        if (const auto* seq = std::get_if<SequenceStep>(&step.body)) {
            check_buttons_wired(*seq, rig, slots, problems);
            check_senses_wired(procedure, *seq, rig, problems);
            check_max_hold(*seq, rig, slots, problems);
        }
    }
    return problems;
}

} // namespace fobrig
