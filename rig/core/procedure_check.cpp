// Checks of a procedure on its own, shared by the loader, `validate` and the engine.
#include "rig/core/procedure_check.hpp"

#include "rig/core/confirmation.hpp"
#include "rig/core/edge_name.hpp"
#include "rig/core/procedure_check_parts.hpp"
#include "rig/core/procedure_events.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

namespace fobrig {
namespace procedure_checks {

std::vector<Hold> walk_presses(const Step& step, const SequenceStep& seq,
                               std::vector<Problem>& problems) {
    std::vector<Hold> holds;
    std::map<std::string, std::size_t> open; // button -> index into holds
    for (std::size_t i = 0; i < seq.actions.size(); ++i) {
        const ButtonAction& action = seq.actions[i];
        const std::string label = action_label(step.id, seq, i);
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
                problems.push_back(
                    {action.pos, label + " presses " + in_quotes(button) +
                                     ", which is already pressed since " +
                                     action_label(step.id, seq, holds[it->second].pressed)});
            } else {
                open[button] = holds.size();
                holds.push_back({button, i, nullptr});
            }
        }
    }
    return holds;
}

} // namespace procedure_checks

namespace {

using namespace procedure_checks;

void check_still_pressed(const Step& step, const SequenceStep& seq, const std::vector<Hold>& holds,
                         std::vector<Problem>& problems) {
    for (const Hold& hold : holds) {
        if (hold.released == nullptr) {
            problems.push_back({seq.actions[hold.pressed].pos,
                                in_quotes(hold.button) +
                                    " is still pressed after the last action " + "(pressed by " +
                                    action_label(step.id, seq, hold.pressed) + "); release it"});
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

// Step ids and action names travel with every edge the run records, kept in place
// (rig/core/edge_name.hpp), so each must fit there.
void check_edge_names(const std::vector<std::pair<std::string, SourcePos>>& names,
                      const std::string& what, std::vector<Problem>& problems) {
    constexpr std::size_t shown = 32;
    for (const auto& [name, pos] : names) {
        if (!fits_edge_name(name)) {
            problems.push_back({pos, what + " " + in_quotes(name.substr(0, shown) + "...") +
                                         " is " + std::to_string(name.size()) +
                                         " characters long; a name is at most " +
                                         std::to_string(EdgeName::capacity)});
        }
    }
}

void check_action_names(const Step& step, const SequenceStep& seq, std::vector<Problem>& problems) {
    std::vector<std::pair<std::string, SourcePos>> names;
    for (const ButtonAction& action : seq.actions) {
        names.emplace_back(action.name, action.pos);
    }
    const std::string what = "in step " + in_quotes(step.id) + ", action name";
    check_unique(names, what, problems);
    check_edge_names(names, what, problems);
}

void check_action_order(const Step& step, const SequenceStep& seq, std::vector<Problem>& problems) {
    for (std::size_t i = 1; i < seq.actions.size(); ++i) {
        const ButtonAction& before = seq.actions[i - 1];
        const ButtonAction& action = seq.actions[i];
        if (action.at <= before.at) {
            problems.push_back(
                {action.pos,
                 action_label(step.id, seq, i) + " at " + ms_text(action.at) +
                     (action.at == before.at ? " is at the same time as" : " comes before") +
                     " the previous " + action_label(step.id, seq, i - 1) + " at " +
                     ms_text(before.at) + "; actions must be in time order"});
        }
    }
}

// Whether every action does something with buttons that [buttons] lists.
bool check_action_contents(const Procedure& procedure, const Step& step, const SequenceStep& seq,
                           std::vector<Problem>& problems) {
    std::vector<std::string> known;
    for (const auto& [name, where] : procedure.buttons) {
        known.push_back(name);
    }
    const std::size_t before = problems.size();
    for (std::size_t i = 0; i < seq.actions.size(); ++i) {
        const ButtonAction& action = seq.actions[i];
        const std::string label = action_label(step.id, seq, i);
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
    } else if (window.min && gap < *window.min) {
        problems.push_back({window.pos, window.to + " comes " + duration_text(gap) + " after " +
                                            window.from + ", the car needs at least " +
                                            duration_text(*window.min) + " (" +
                                            ms_text(*window.min - gap) + " too early)"});
    }
}

// How long after its last action a sequence may still wait for the car's answer: the next
// sequence's start_after counts only from the end of that wait.
Duration confirmation_wait(const SequenceStep& seq) {
    if (!seq.confirm || seq.actions.empty()) {
        return {};
    }
    const ButtonAction* after =
        seq.confirm->after.empty() ? &seq.actions.back() : find_action(seq, seq.confirm->after);
    return after == nullptr
               ? Duration{}
               : std::max(Duration{}, after->at + seq.confirm->within - seq.actions.back().at);
}

// How long after its end a step may still wait for the car's answer, over its variants.
Duration answer_wait(const Step& step) {
    if (const auto* op = std::get_if<OperatorStep>(&step.body)) {
        return op->confirm ? op->confirm->within : Duration{};
    }
    Duration wait{};
    for (const SequenceStep& way : ways_of(std::get<SequenceStep>(step.body))) {
        wait = std::max(wait, confirmation_wait(way));
    }
    return wait;
}

// The car counts start_within from the previous step's end: a key's removal, or the previous
// sequence's last action (`previous`; for an each_fob step, also its own for the next fob).
void check_start_within(const Step& step, const SequenceStep& seq, const Step* previous,
                        std::vector<Problem>& problems) {
    if (seq.start_within == Duration{} || seq.actions.empty()) {
        return; // no limit
    }
    const Duration first = seq.start_after + seq.actions.front().at;
    const std::string first_text = "start_after_ms = " + ms_count(seq.start_after) +
                                   " + at_ms = " + ms_count(seq.actions.front().at);
    if (first > seq.start_within) {
        problems.push_back({step.pos, "the first action comes " + duration_text(first) +
                                          " after the previous step (" + first_text +
                                          "), but start_within_ms allows " +
                                          duration_text(seq.start_within)});
        return;
    }
    std::vector<const Step*> before;
    if (previous != nullptr && answer_wait(*previous) > Duration{}) {
        before.push_back(previous);
    }
    if (seq.each_fob) {
        before.push_back(&step);
    }
    for (const Step* other : before) {
        const Duration wait = answer_wait(*other);
        if (wait + first > seq.start_within) {
            const bool by_hand = std::holds_alternative<OperatorStep>(other->body);
            problems.push_back(
                {step.pos, "the first action may come " + duration_text(wait + first) +
                               (by_hand ? " after the end of " : " after the last action of ") +
                               (other == &step ? "the previous fob's " : "") + "step " +
                               in_quotes(other->id) + " (its confirmation waits up to " +
                               duration_text(wait) + " for the car's answer, then " + first_text +
                               "), but start_within_ms allows " + duration_text(seq.start_within) +
                               ", counted from that " + (by_hand ? "end" : "last action") +
                               " as the car counts"});
            return;
        }
    }
}

// What a confirmation says alone: a pattern, and failure patterns each unlike the success and
// unlike each other (the rig could not tell them apart).
void check_answer(const Confirmation& confirm, std::vector<Problem>& problems) {
    if (confirm.pattern.empty()) {
        problems.push_back(
            {confirm.pos, "confirmation names no sense input: its pattern is empty"});
        return;
    }
    const std::string success = answer_count_text(confirm.pattern, confirm.times);
    for (std::size_t i = 0; i < confirm.failures.size(); ++i) {
        const FailurePattern& failure = confirm.failures[i];
        const std::string text = answer_count_text(failure.pattern, failure.times);
        const std::string label = "failure " + std::to_string(i + 1) + " of the confirmation";
        if (failure.pattern == confirm.pattern && failure.times == confirm.times) {
            problems.push_back({failure.pos, label + " is the success pattern itself (" + text +
                                                 "): the rig could not tell them apart"});
        }
        for (std::size_t j = 0; j < i; ++j) {
            if (confirm.failures[j].pattern == failure.pattern &&
                confirm.failures[j].times == failure.times) {
                problems.push_back({failure.pos, label + " repeats failure " +
                                                     std::to_string(j + 1) + " (" + text + ")"});
            }
        }
    }
}

void check_confirmation(const SequenceStep& seq, const Confirmation& confirm,
                        std::vector<Problem>& problems) {
    check_answer(confirm, problems);
    if (!confirm.after.empty() && find_action(seq, confirm.after) == nullptr) {
        problems.push_back({confirm.pos, "the confirmation's 'after' names action " +
                                             in_quotes(confirm.after) +
                                             ", which the step does not have"});
    }
}

void check_sequence(const Procedure& procedure, const Step& step, const SequenceStep& seq,
                    const Step* previous, std::vector<Problem>& problems) {
    if (seq.purpose == SequencePurpose::ritual && seq.confirm) {
        problems.push_back({seq.confirm->pos,
                            "step " + in_quotes(step.id) +
                                " has purpose = \"ritual\", which the car does not answer, but a "
                                "'confirm': a step the car answers has purpose \"program\" or "
                                "\"verify\""});
    }
    if (!seq.confirm && seq.purpose != SequencePurpose::ritual) {
        // Without the car's answer the rig cannot tell a learnt or working fob from a dead one.
        problems.push_back(
            {step.pos,
             "step " + in_quotes(step.id) + " has purpose = \"" +
                 (seq.purpose == SequencePurpose::program ? "program" : "verify") +
                 "\" but no 'confirm': the rig could not tell whether the car " +
                 (seq.purpose == SequencePurpose::program ? "learnt the fob" : "answered it")});
    }
    if (seq.actions.empty()) {
        problems.push_back({step.pos, "step " + in_quotes(step.id) + " has no actions"});
        return;
    }
    check_action_names(step, seq, problems);
    check_action_order(step, seq, problems);
    if (check_action_contents(procedure, step, seq, problems)) {
        // With a misspelt button, what is pressed when would only repeat that problem.
        check_still_pressed(step, seq, walk_presses(step, seq, problems), problems);
    }
    for (const Window& window : seq.windows) {
        check_window(seq, window, problems);
    }
    check_start_within(step, seq, previous, problems);
    if (seq.confirm) {
        check_confirmation(seq, *seq.confirm, problems);
    }
}

// A hold ends at a later step, and a switch is not held again while it is held.
void check_hold(const Procedure& procedure, const Step& step, const OperatorStep& op,
                std::vector<Problem>& problems) {
    const auto here = std::ranges::find(procedure.steps, step.id, &Step::id);
    if (op.hold.empty() || here == procedure.steps.end()) {
        return;
    }
    auto through = here;
    if (!op.hold_through.empty()) {
        through = std::find_if(here + 1, procedure.steps.end(),
                               [&](const Step& other) { return other.id == op.hold_through; });
        if (through == procedure.steps.end()) {
            problems.push_back({step.pos, "'hold_through' in step " + in_quotes(step.id) +
                                              " names " + in_quotes(op.hold_through) +
                                              ", which is no later step of the procedure"});
            return;
        }
    }
    for (auto other = here + 1; other <= through && other != procedure.steps.end(); ++other) {
        const auto* held = std::get_if<OperatorStep>(&other->body);
        for (const std::string& role : held != nullptr ? held->hold : std::vector<std::string>{}) {
            if (std::ranges::count(op.hold, role) > 0) {
                problems.push_back({other->pos, "step " + in_quotes(other->id) +
                                                    " holds the car's " + in_quotes(role) +
                                                    " switch, which step " + in_quotes(step.id) +
                                                    " holds through it already"});
            }
        }
    }
}

// [[window]]: both ends name events of the procedure, `to` no earlier in it than `from`.
void check_procedure_window(const Procedure& procedure, const Window& window,
                            std::vector<Problem>& problems) {
    std::optional<EventRef> ends[2];
    const std::string* names[2] = {&window.from, &window.to};
    for (int i = 0; i < 2; ++i) {
        ends[i] = find_event(procedure, *names[i]);
        if (!ends[i]) {
            problems.push_back(
                {window.pos, std::string("the window's '") + (i == 0 ? "from" : "to") + "' names " +
                                 in_quotes(*names[i]) +
                                 ", which is no event of this procedure: an operator step's "
                                 "id, STEP.ACTION of a sequence step, or STEP.answer"});
        }
    }
    if (!ends[0] || !ends[1]) {
        return;
    }
    const auto& [from, to] = std::tie(*ends[0], *ends[1]);
    const Step& step = procedure.steps[from.step];
    const bool same_step = from.step == to.step;
    if (to.step < from.step ||
        (same_step && (from.action.empty() || to.action.empty() || to.action == from.action ||
                       from.action == answer_event))) {
        problems.push_back({window.pos, "window runs backwards: " + in_quotes(window.to) +
                                            " does not come after " + in_quotes(window.from)});
        return;
    }
    if (same_step && from.action != answer_event && to.action != answer_event) {
        // Two actions of one step: placed by the step's own schedule, checked as its windows.
        for (const SequenceStep& way : ways_of(std::get<SequenceStep>(step.body))) {
            check_window(way,
                         {.from = std::string(from.action),
                          .to = std::string(to.action),
                          .min = window.min,
                          .max = window.max,
                          .pos = window.pos},
                         problems);
        }
    }
}

} // namespace

std::vector<Problem> check_procedure(const Procedure& procedure) {
    std::vector<Problem> problems;
    std::vector<std::pair<std::string, SourcePos>> ids;
    const Step* previous = nullptr;
    for (const Step& step : procedure.steps) {
        ids.emplace_back(step.id, step.pos);
        if (const auto* op = std::get_if<OperatorStep>(&step.body)) {
            if (op->confirm) {
                check_answer(*op->confirm, problems);
            }
            check_hold(procedure, step, *op, problems);
        }
        if (const auto* seq = std::get_if<SequenceStep>(&step.body)) {
            std::vector<std::pair<std::string, SourcePos>> variant_ids;
            for (const SequenceVariant& variant : seq->variants) {
                variant_ids.emplace_back(variant.id, variant.pos);
            }
            check_unique(variant_ids, "in step " + in_quotes(step.id) + ", variant id", problems);
            for (const SequenceStep& way : ways_of(*seq)) {
                check_sequence(procedure, step, way, previous, problems);
            }
        }
        previous = &step;
    }
    check_unique(ids, "step id", problems);
    check_edge_names(ids, "step id", problems);
    for (const Window& window : procedure.windows) {
        check_procedure_window(procedure, window, problems);
    }
    drop_repeats(problems);
    if (procedure.indicator &&
        procedure.indicator->lock_flashes == procedure.indicator->unlock_flashes) {
        problems.push_back({procedure.indicator->pos,
                            "'lock_flashes' and 'unlock_flashes' in [indicator] are both " +
                                std::to_string(procedure.indicator->lock_flashes) +
                                ": the rig could not tell lock from unlock"});
    }
    return problems;
}

std::vector<Problem> check_procedure_programs(const Procedure& procedure) {
    const bool programs = std::ranges::any_of(procedure.steps, [](const Step& step) {
        const auto* seq = std::get_if<SequenceStep>(&step.body);
        return seq && seq->purpose == SequencePurpose::program;
    });
    if (programs) {
        return {};
    }
    return {{procedure.pos, "the procedure has no step with kind = \"sequence\" and purpose = "
                            "\"program\": it could never program a fob"}};
}

} // namespace fobrig
