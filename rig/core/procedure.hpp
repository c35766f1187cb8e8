// A procedure: what is done to program a car's fobs, as read from config/procedures/*.toml.
// Plain data; the loader checks it and the schedule turns it into timed edges.
#pragma once

#include "rig/core/source_pos.hpp"
#include "rig/core/time.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace fobrig {

// What a programming session does to the car's key table: it keeps only the fobs programmed in
// it (erase-all, the Mini), it keeps the newest max_keys codes so that a new one erases the
// oldest (stacking, the Honda), or it adds the new fobs to those it held (additive).
enum class KeyTablePolicy { erase_all, stacking, additive };
// Their names in procedure files, on the control socket and in the history, in the enum's order.
inline constexpr std::array<std::string_view, 3> key_table_names{"erase-all", "stacking",
                                                                 "additive"};
inline std::string_view name_of(KeyTablePolicy policy) {
    return key_table_names[static_cast<std::size_t>(policy)];
}

struct Applicability {
    std::string make;
    std::vector<std::string> models;
    int year_from = 0;
    int year_to = 0;
    std::vector<std::string> key_types; // accepted
    int max_keys = 0; // the car's key table: how many fobs one session can keep (0: unknown)
    KeyTablePolicy key_table = KeyTablePolicy::erase_all; // what the rig assumed before it was said
    std::map<std::string, std::string> refused_key_types; // key type -> why it is refused
};

// What the operator does by hand; the simulated operator knows these by name. ignition-on and
// ignition-off are one turn of the key each, sensed by the ignition input when the rig has one.
// key-cycle and door-cycle: the key inserted and removed, the door opened and closed.
enum class OperatorAction {
    confirm,
    ignition_cycle,
    ignition_on,
    ignition_off,
    key_cycle,
    door_cycle
};
// Their names in procedure files and on the control socket, in the enum's order.
inline constexpr std::array<std::string_view, 6> operator_action_names{
    "confirm", "ignition-cycle", "ignition-on", "ignition-off", "key-cycle", "door-cycle"};

// The sense role whose turning active a counted step counts: the ignition turned on, the key
// inserted (key-in), the door opened; empty for an action that counts nothing.
inline std::string_view counted_role(OperatorAction action) {
    switch (action) {
    case OperatorAction::ignition_cycle:
        return "ignition";
    case OperatorAction::key_cycle:
        return "key-in";
    case OperatorAction::door_cycle:
        return "door";
    default:
        return {};
    }
}
inline std::string_view name_of(OperatorAction action) {
    return operator_action_names[static_cast<std::size_t>(action)];
}

// The most times a confirmation's pattern may be counted: no car chimes or cycles its locks
// more often as one answer.
inline constexpr int max_answer_times = 10;

// A way the car says it did not take the fob: its pattern `times` times exactly (Toyota: the
// locks cycle twice), and what that means in the procedure's words.
struct FailurePattern {
    std::vector<std::string> pattern; // the confirmation's own when the file gives none
    int times = 0;
    std::string means;
    SourcePos pos;
};

// The car's answer: sense inputs that must turn active in this order, within `within`
// of the action named `after` (the sequence's last action when empty; an operator step's
// answer counts from the step's end). With `times`, the pattern must come exactly that often
// (two chimes is not three), and the whole window is the answer; so it is with `failures`.
struct Confirmation {
    std::vector<std::string> pattern;
    Duration within{};
    std::string after;
    int times = 0; // 0: at least once, what follows not judged
    std::vector<FailurePattern> failures;
    // A verify step's presses before the fob is called dead: when a window closes without the
    // answer, the sequence is played again (a telegram lost on the air is not a dead fob).
    int presses = 1;
    SourcePos pos;
};

// The most presses a verify step may make: each unanswered one spends the fob's rolling codes
// (a 300 ms press sends about 3), and a KeeLoq receiver follows a fob only 16 codes ahead.
inline constexpr int max_confirm_presses = 5;

struct OperatorStep {
    OperatorAction action = OperatorAction::confirm;
    std::string prompt;
    Duration timeout{};                      // no acknowledgement by then: the attempt fails
    std::optional<Duration> max_ignition_on; // checked when an ignition input is wired
    // A sense input whose turning active and back acknowledges the step by itself (the key
    // turned and removed), when the rig wires it; a client's acknowledgement always counts too.
    std::string ack_sense;
    // A counted step (count > 0): the rig counts its input of counted_role() turning active,
    // and the step is done at the count-th once the input stands at `end_active` (Ford:
    // ignition on 8 times within 8 s, ending on). Without the input, a person acknowledges it.
    int count = 0;
    std::optional<Duration> within; // from the first counted edge to the last
    bool end_active = false;
    // The car's answer to the step done (Ford: the locks cycle to say programming mode).
    std::optional<Confirmation> confirm;
    // Contacts across the car's switches (rig_wiring.hpp's car_switch_roles) closed when the
    // step is prompted and opened once step `hold_through` is done (this one when empty): GM's
    // door unlock switch held while the operator works the key. Never past the output's
    // max_hold_ms: the guard opens it, and the attempt stops.
    std::vector<std::string> hold;
    std::string hold_through;
};

// Actions side by side played `times` times, `every` apart (VW: Open pressed N times a second
// apart); per_fob: as often as the fob's number in a block repeated for each fob. The loader
// lays them out (rig/core/procedure_blocks.hpp): a loaded procedure's actions have none.
struct ActionRepeat {
    int times = 1;
    bool per_fob = false;
    Duration every{};
    SourcePos pos;
};

struct ButtonAction {
    std::string name;                 // optional label, used by windows ("press3")
    Duration at{};                    // from the start of the sequence
    std::vector<std::string> press;   // buttons closed at `at`
    std::vector<std::string> release; // buttons opened at `at`
    std::optional<ActionRepeat> repeat;
    SourcePos pos;
};

// The car's limit between two named events: `to` must come within `max` of `from`, and when
// the car also wants a pause, no sooner than `min`. In a sequence step's `windows` the events
// are its actions; in the procedure's [[window]] tables they are events of any steps
// (rig/core/procedure_events.hpp).
struct Window {
    std::string from;
    std::string to;
    std::optional<Duration> min;
    Duration max{};
    SourcePos pos;
};

// ritual: presses the ritual needs that the car does not answer (the Honda's first rounds).
enum class SequencePurpose { program, verify, ritual };
inline constexpr std::array<std::string_view, 3> sequence_purpose_names{"program", "verify",
                                                                        "ritual"};

// One documented way of playing a sequence step, when the sources give several: its presses,
// windows and answer (the step's own standing in for any it does not list), and who says so.
struct SequenceVariant {
    std::string id;
    std::vector<std::string> sources;
    std::vector<ButtonAction> actions;
    std::vector<Window> windows;
    std::optional<Confirmation> confirm;
    SourcePos pos;
};

struct SequenceStep {
    SequencePurpose purpose = SequencePurpose::program;
    bool each_fob = true;    // repeated for every fob under test, in slot order
    Duration start_after{};  // pause before the first action
    Duration start_within{}; // the car's limit from the previous step's end to the first action
    Duration tolerance{};    // how late an edge may be before the run flags it
    std::vector<ButtonAction> actions;
    std::vector<Window> windows;
    std::optional<Confirmation> confirm;
    // A run's first attempt plays the first (or the one the car answered last); a retry after
    // an attempt in which the car answered no fob plays the next, wrapping round; none: the
    // step as written above.
    std::vector<SequenceVariant> variants;
    SourcePos pos;
};

// The variant played after `moved_on` moves to the next, or null when the step has none: the
// one named `first` (the car answered it last), or the first listed when `first` names none of
// them, then each next one, wrapping round.
inline const SequenceVariant* variant_for(const SequenceStep& seq, int moved_on,
                                          std::string_view first = {}) {
    if (seq.variants.empty()) {
        return nullptr;
    }
    const auto named = std::ranges::find(seq.variants, first, &SequenceVariant::id);
    const auto start = named == seq.variants.end() ? 0 : named - seq.variants.begin();
    const auto index = static_cast<std::size_t>(start + moved_on) % seq.variants.size();
    return &seq.variants[index];
}

// The step as one attempt plays it: with `variant`'s presses, windows and answer, if any.
inline SequenceStep played_as(const SequenceStep& seq, const SequenceVariant* variant) {
    SequenceStep played = seq;
    played.variants.clear();
    if (variant != nullptr) {
        played.actions = variant->actions;
        played.windows = variant->windows;
        played.confirm = variant->confirm;
    }
    return played;
}

// Every way the step may be played, for checks that must hold for each.
inline std::vector<SequenceStep> ways_of(const SequenceStep& seq) {
    if (seq.variants.empty()) {
        return {seq};
    }
    std::vector<SequenceStep> ways;
    for (const SequenceVariant& variant : seq.variants) {
        ways.push_back(played_as(seq, &variant));
    }
    return ways;
}

struct Step {
    std::string id;
    std::string title;
    std::variant<OperatorStep, SequenceStep> body;
    // In the k-th repetition of a block repeated for each fob: k. The step is played only in a
    // session of at least k fobs, and a sequence acts on the session's k-th fob alone.
    int fob = 0;
    SourcePos pos;
};

// An action as messages name it: "action 'press3'", or "action 2 of step 'learn'" unnamed.
inline std::string action_label(std::string_view step_id, const SequenceStep& seq,
                                std::size_t index) {
    const std::string& name = seq.actions[index].name;
    return name.empty()
               ? "action " + std::to_string(index + 1) + " of step '" + std::string(step_id) + "'"
               : "action '" + name + "'";
}

// What the car's indicators do when it answers, for a rig that senses one indicator (hazard
// light) wire instead of the lock motor's: a burst of flashes per answer.
struct IndicatorFlashes {
    int lock_flashes = 0;
    int unlock_flashes = 0;
    Duration flash_gap_max{}; // between two flashes' starts; further apart: separate answers
    SourcePos pos;
};

struct RetryPolicy {
    int max_attempts = 1;
    Duration pause{}; // between attempts, once the car's session is surely over
};

struct Procedure {
    SourcePos pos; // of [procedure]
    std::string id;
    std::string name;
    std::string source;
    Applicability applies_to;
    std::vector<std::string> prerequisites;     // the operator confirms each before the run
    std::map<std::string, std::string> buttons; // button name -> where it is on the fob
    std::vector<Step> steps;                    // one attempt, in order
    // [[window]]: the car's limits between events of different steps, judged as the run goes.
    std::vector<Window> windows;
    RetryPolicy retry;
    // [car] session_ms: how long the car stays in its programming session after the last key
    // was learnt in it. A retry after an attempt that stopped inside a session waits it out,
    // so that its first ignition turn enters a new session instead of finalising the old one.
    std::optional<Duration> car_session;
    std::optional<IndicatorFlashes> indicator; // when the procedure knows them
    std::string on_failure;                    // advice when every attempt failed
};

} // namespace fobrig
