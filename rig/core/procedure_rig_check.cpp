// Checks of a procedure against the rig it is to drive, before anything is driven.
#include "rig/core/procedure_check.hpp"

#include "rig/core/indicator.hpp"
#include "rig/core/procedure_check_parts.hpp"
#include "rig/core/schedule.hpp"

#include <algorithm>

namespace fobrig {
namespace {

using namespace procedure_checks;

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

// Every role of the answer and of its failure patterns, each once.
void check_senses_wired(const Procedure& procedure, const std::optional<Confirmation>& confirm,
                        const Rig& rig, std::vector<Problem>& problems) {
    if (!confirm) {
        return;
    }
    std::vector<std::string> roles = confirm->pattern;
    for (const FailurePattern& failure : confirm->failures) {
        roles.insert(roles.end(), failure.pattern.begin(), failure.pattern.end());
    }
    std::vector<std::string> told;
    for (const std::string& role : roles) {
        if (std::ranges::count(told, role) == 0 && !rig.sense_index(role) &&
            !indicator_tells(procedure, rig, role)) {
            problems.push_back({confirm->pos, unwired_sense_text(procedure, rig, role)});
        }
        told.push_back(role);
    }
}

// The line stays driven from the press's command to the release's: the contact's hold, plus
// the operate latency (commanded earlier), minus the release latency (commanded earlier too).
// A release late within the step's tolerance is still on plan and must not meet the guard.
void check_max_hold(const Step& step, const SequenceStep& seq, const Rig& rig,
                    const std::vector<int>& slots, std::vector<Problem>& problems) {
    std::vector<Problem> ignored; // check_procedure reports these
    for (const Hold& hold : walk_presses(step, seq, ignored)) {
        if (hold.released == nullptr) {
            continue;
        }
        const ButtonAction& pressed = seq.actions[hold.pressed];
        const Duration held = hold.released->at - pressed.at;
        for (int slot : slots) {
            const auto index = rig.output_index(slot, hold.button);
            if (!index) {
                continue;
            }
            const OutputChannel& out = rig.outputs[*index];
            const Duration driven =
                held + out.operate_latency - out.release_latency + seq.tolerance;
            if (driven >= out.max_hold) {
                problems.push_back(
                    {pressed.pos,
                     in_quotes(hold.button) + " is held " + ms_precise_text(held) +
                         "; with its switch's latencies (" + ms_precise_text(out.operate_latency) +
                         " operate, " + ms_precise_text(out.release_latency) +
                         " release) and tolerance_ms its line may stay driven " +
                         ms_precise_text(driven) + ", not under slot " + std::to_string(slot) +
                         " " + hold.button + "'s max_hold_ms of " + ms_precise_text(out.max_hold)});
            }
        }
    }
}

void check_channel_order(const Step& step, const SequenceStep& seq, const Rig& rig,
                         const std::vector<int>& slots, std::vector<Problem>& problems) {
    for (int slot : slots) {
        const bool wired = std::ranges::all_of(buttons_used(seq), [&](const auto& button) {
            return rig.output_index(slot, button.first).has_value();
        });
        if (!has_slot(rig, slot) || !wired) {
            continue; // reported as unwired
        }
        const SequencePlan plan = plan_edges(step.id, seq, rig, slot);
        if (const auto problem = order_problem(plan, rig, seq)) {
            problems.push_back({seq.actions[problem->action_index].pos, problem->message});
        }
    }
}

// A held switch is wired, and its output may stay closed as long as the car may need it: the
// step's own count limit (GM: the key worked 3 times within 25 s).
void check_holds_wired(const Step& step, const OperatorStep& op, const Rig& rig,
                       std::vector<Problem>& problems) {
    for (const std::string& role : op.hold) {
        const auto output = rig.car_output(role);
        if (!output) {
            problems.push_back(
                {step.pos, "step " + in_quotes(step.id) + " holds the car's " + in_quotes(role) +
                               " switch, which rig " + in_quotes(rig.name) +
                               " does not wire (an [[output]] with car = \"" + role + "\")"});
        } else if (rig.enable) {
            // The interlock powers the relay board only while a sequence plays.
            problems.push_back({step.pos, "step " + in_quotes(step.id) + " holds the car's " +
                                              in_quotes(role) +
                                              " switch between sequences, "
                                              "but rig " +
                                              in_quotes(rig.name) +
                                              "'s interlock ([enable]) powers its relays only "
                                              "while a sequence plays"});
        } else if (op.within && *op.within >= rig.outputs[*output].max_hold) {
            problems.push_back({step.pos, "step " + in_quotes(step.id) + " may hold the car's " +
                                              in_quotes(role) + " switch for its within_ms of " +
                                              ms_precise_text(*op.within) +
                                              ", not under the output's max_hold_ms of " +
                                              ms_precise_text(rig.outputs[*output].max_hold)});
        }
    }
}

} // namespace

std::vector<Problem> check_procedure_against_rig(const Procedure& procedure, const Rig& rig,
                                                 const std::vector<int>& slots) {
    std::vector<Problem> problems = check_procedure(procedure);
    for (Problem& problem : check_procedure_programs(procedure)) {
        problems.push_back(std::move(problem));
    }
    check_slots_exist(rig, slots, problems);
    for (const Step& step : procedure.steps) {
        if (const auto* op = std::get_if<OperatorStep>(&step.body)) {
            check_senses_wired(procedure, op->confirm, rig, problems);
            check_holds_wired(step, *op, rig, problems);
        }
        if (const auto* seq = std::get_if<SequenceStep>(&step.body)) {
            for (const SequenceStep& way : ways_of(*seq)) {
                check_buttons_wired(way, rig, slots, problems);
                check_senses_wired(procedure, way.confirm, rig, problems);
                check_max_hold(step, way, rig, slots, problems);
                check_channel_order(step, way, rig, slots, problems);
            }
        }
    }
    drop_repeats(problems);
    return problems;
}

} // namespace fobrig
