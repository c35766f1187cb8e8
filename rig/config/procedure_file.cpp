// Reads a procedure's TOML field by field, lays out its repetitions ([[repeat]], repeated
// actions), then applies check_procedure to the steps as they are played.
#include "rig/config/procedure_file.hpp"

#include "rig/config/toml_reader.hpp"
#include "rig/core/procedure_blocks.hpp"
#include "rig/core/procedure_check.hpp"
#include "rig/core/rig_wiring.hpp"

#include <algorithm>

namespace fobrig {
namespace {

using namespace toml_reading;

constexpr DurationRule positive_ms{};
constexpr DurationRule zero_or_more_ms{.zero_allowed = true};
// A limit that is absent when there is none: 0 would read as "at once".
constexpr DurationRule limit_ms{.if_zero = "leave the field out for no limit"};
// The sequencer's edges come within a millisecond of their instant (bench/); an edge 100 ms
// late has already moved an action a third of the way to the Mini's next one (300 ms).
constexpr DurationRule tolerance_ms{
    .max = milliseconds(100), .if_over = "too lax to flag an edge that breaks the car's timing"};

std::string in_quotes(const std::string& s) {
    return "'" + s + "'";
}

void read_header(TableReader& root, Procedure& procedure) {
    std::optional<TableReader> header = root.subtable("procedure", "[procedure]");
    if (!header) {
        return;
    }
    procedure.pos = header->pos();
    procedure.id = header->identifier("id").value_or("");
    procedure.name = header->string("name").value_or("");
    procedure.source = header->string("source").value_or("");
    procedure.on_failure = header->string("on_failure").value_or("");
    header->reject_unknown_fields();
}

// A table of name = text, such as [buttons]; a name is kept even if its text is not a string,
// so that one bad value does not make every use of the name unknown too.
std::map<std::string, std::string> read_names(const toml::table& table, const std::string& what,
                                              Diagnostics& out) {
    std::map<std::string, std::string> names;
    for (const auto& [key, value] : table) {
        names[std::string(key.str())] = value.value_or(std::string{});
        if (!value.is_string()) {
            out.error(position_of(value.source()),
                      "'" + std::string(key.str()) + "' in " + what + " must be a string");
        }
    }
    return names;
}

void read_years(TableReader& reader, Applicability& applies) {
    const toml::array* years = reader.array("years");
    if (years == nullptr) {
        return;
    }
    const auto* from = years->size() == 2 ? years->get_as<std::int64_t>(0) : nullptr;
    const auto* to = years->size() == 2 ? years->get_as<std::int64_t>(1) : nullptr;
    if (from == nullptr || to == nullptr || from->get() > to->get()) {
        reader.error("years", "'years' in " + reader.what() +
                                  " must be [from, to], two integers with from <= to");
        return;
    }
    applies.year_from = static_cast<int>(from->get());
    applies.year_to = static_cast<int>(to->get());
}

void read_applies_to(TableReader& root, Procedure& procedure) {
    std::optional<TableReader> found = root.subtable("applies_to", "[applies_to]");
    if (!found) {
        return;
    }
    TableReader& reader = *found;
    Applicability& applies = procedure.applies_to;
    applies.make = reader.string("make").value_or("");
    applies.models = reader.strings("models");
    read_years(reader, applies);
    applies.key_types = reader.strings("key_types");
    if (applies.key_types.empty() && reader.array("key_types") != nullptr) {
        reader.error("key_types", "'key_types' in [applies_to] is empty; name the key types the "
                                  "procedure programs, such as [\"three-button\"]");
    }
    const std::size_t before_max_keys = root.diagnostics().count();
    if (const auto keys = reader.integer("max_keys", Need::optional, 1, 64)) {
        applies.max_keys = static_cast<int>(*keys);
    }
    if (const auto policy = reader.choice(
            "key_table", {key_table_names.begin(), key_table_names.end()}, Need::optional)) {
        applies.key_table = static_cast<KeyTablePolicy>(*policy);
    }
    // Which code a new one erases is known only from how many the car keeps.
    if (applies.key_table == KeyTablePolicy::stacking && applies.max_keys == 0 &&
        root.diagnostics().count() == before_max_keys) {
        reader.error("key_table", "key_table = \"stacking\" in [applies_to] keeps the newest "
                                  "codes and erases the oldest: say how many with max_keys");
    }
    if (const toml::table* refused = reader.table("refused_key_types", Need::optional)) {
        applies.refused_key_types =
            read_names(*refused, "[applies_to.refused_key_types]", root.diagnostics());
    }
    for (const std::string& type : applies.key_types) {
        if (applies.refused_key_types.contains(type)) {
            reader.error("key_types",
                         "key type " + in_quotes(type) + " is both accepted and refused");
        }
    }
    reader.reject_unknown_fields();
}

void read_buttons(TableReader& root, Procedure& procedure) {
    if (const toml::table* table = root.table("buttons")) {
        procedure.buttons = read_names(*table, "[buttons]", root.diagnostics());
        for (const auto& [key, value] : *table) {
            if (!is_identifier(key.str())) {
                root.diagnostics().error(
                    position_of(key.source()),
                    not_an_identifier(key.str(), "the button name in [buttons]"));
            }
        }
        if (procedure.buttons.empty()) {
            root.error("buttons", "[buttons] names no button");
        }
    }
}

void read_prerequisites(TableReader& root, Procedure& procedure) {
    if (auto reader = root.subtable("prerequisites", "[prerequisites]", Need::optional)) {
        procedure.prerequisites = reader->strings("items");
        reader->reject_unknown_fields();
    }
}

void read_retry(TableReader& root, Procedure& procedure) {
    if (auto reader = root.subtable("retry", "[retry]", Need::optional)) {
        procedure.retry.max_attempts =
            static_cast<int>(reader->integer("max_attempts", Need::optional, 1, 10).value_or(1));
        procedure.retry.pause =
            reader->duration("pause_ms", Need::optional, zero_or_more_ms).value_or(Duration{});
        reader->reject_unknown_fields();
    }
}

void read_car(TableReader& root, Procedure& procedure) {
    if (auto reader = root.subtable("car", "[car]", Need::optional)) {
        procedure.car_session = reader->duration("session_ms", Need::required, positive_ms);
        reader->reject_unknown_fields();
    }
    if (procedure.retry.max_attempts > 1 && !root.table("car", Need::optional)) {
        root.error("retry", "[retry] allows " + std::to_string(procedure.retry.max_attempts) +
                                " attempts, but the file does not say how long the car's "
                                "programming session lasts ([car] session_ms): a retry must "
                                "wait it out to start from a known state of the car");
    }
}

void read_indicator(TableReader& root, Procedure& procedure) {
    auto reader = root.subtable("indicator", "[indicator]", Need::optional);
    if (!reader) {
        return;
    }
    // More flashes than five is no answer a car gives; more than 5 s apart, no one burst.
    constexpr std::int64_t most_flashes = 5;
    constexpr DurationRule flash_gap{.max = seconds(5)};
    const std::size_t before = root.diagnostics().count();
    IndicatorFlashes& flashes = procedure.indicator.emplace(IndicatorFlashes{.pos = reader->pos()});
    flashes.lock_flashes = static_cast<int>(
        reader->integer("lock_flashes", Need::required, 1, most_flashes).value_or(0));
    flashes.unlock_flashes = static_cast<int>(
        reader->integer("unlock_flashes", Need::required, 1, most_flashes).value_or(0));
    flashes.flash_gap_max =
        reader->duration("flash_gap_max_ms", Need::required, flash_gap).value_or(Duration{});
    reader->reject_unknown_fields();
    if (root.diagnostics().count() != before) {
        procedure.indicator.reset(); // so that check_procedure does not judge a half-read table
    }
}

FailurePattern read_failure(const toml::table& table, std::size_t number,
                            const std::string& confirm, Diagnostics& out) {
    TableReader reader(table, "failure " + std::to_string(number) + " of " + confirm, out);
    FailurePattern failure{.pos = reader.pos()};
    failure.pattern = reader.strings_of("pattern", sense_roles, Need::optional);
    failure.times =
        static_cast<int>(reader.integer("times", Need::required, 1, max_answer_times).value_or(0));
    failure.means = reader.string("means", Need::optional).value_or("");
    reader.reject_unknown_fields();
    return failure;
}

// The car's answer to a sequence of `purpose`, or to an operator step (no purpose).
std::optional<Confirmation> read_confirmation(TableReader& step,
                                              std::optional<SequencePurpose> purpose) {
    std::optional<TableReader> reader =
        step.subtable("confirm", "the confirmation of " + step.what(), Need::optional);
    if (!reader) {
        return std::nullopt;
    }
    Confirmation confirm{.pos = reader->pos()};
    confirm.pattern = reader->strings_of("pattern", sense_roles);
    confirm.after = reader->string("after", Need::optional).value_or("");
    confirm.within =
        reader->duration("within_ms", Need::required, positive_ms).value_or(Duration{});
    confirm.times =
        static_cast<int>(reader->integer("times", Need::optional, 1, max_answer_times).value_or(0));
    for (const toml::table* table : reader->tables("failures", Need::optional)) {
        confirm.failures.push_back(read_failure(*table, confirm.failures.size() + 1, reader->what(),
                                                reader->diagnostics()));
        if (confirm.failures.back().pattern.empty()) {
            confirm.failures.back().pattern = confirm.pattern;
        }
    }
    // "Once = success, twice = failure": only an exact count tells the two apart.
    if (!confirm.failures.empty() && confirm.times == 0) {
        reader->error("failures", "'failures' in " + reader->what() +
                                      " needs 'times', how often the car gives the pattern "
                                      "for success: a count tells success from failure");
    }
    confirm.presses = static_cast<int>(
        reader->integer("presses", Need::optional, 1, max_confirm_presses).value_or(1));
    if (!purpose) {
        // The operator's work is not pressed again, and it has no actions to time from.
        if (!confirm.after.empty()) {
            reader->error("after", "'after' in " + reader->what() +
                                       " names an action, but an operator step has none: its "
                                       "answer counts from the step done");
        }
        if (confirm.presses > 1) {
            reader->error("presses", "'presses' of " + reader->what() +
                                         " is for verify steps only: an operator step is not "
                                         "pressed again");
        }
    } else if (confirm.presses > 1 && *purpose == SequencePurpose::program) {
        // A program step's ritual is not a press to repeat: the car has left programming mode
        // when it did not answer; [retry] starts it again from the ignition.
        reader->error("presses", "'presses' of " + reader->what() +
                                     " is for verify steps only: a program step that the car "
                                     "did not answer is retried by [retry], from the start");
    }
    reader->reject_unknown_fields();
    return confirm;
}

// A counted step's count, within_ms and end, for an action that counts an input's turns.
void read_count(TableReader& reader, OperatorStep& op) {
    const std::string_view role = counted_role(op.action);
    const std::size_t before = reader.diagnostics().count();
    op.count = static_cast<int>(reader.integer("count", Need::optional, 1, 20).value_or(0));
    op.within = reader.duration("within_ms", Need::optional, positive_ms);
    // Each action's two ends, inactive first: "off"/"on", "out"/"in", "closed"/"open".
    const std::vector<std::string_view> ends =
        role == "ignition" ? std::vector<std::string_view>{"off", "on"}
        : role == "key-in" ? std::vector<std::string_view>{"out", "in"}
                           : std::vector<std::string_view>{"closed", "open"};
    const auto end = reader.choice("end", ends, Need::optional);
    op.end_active = end.value_or(0) == 1;
    if (reader.diagnostics().count() != before) {
        return;
    }
    const bool counted_field = op.count > 0 || op.within || end;
    if (counted_field && role.empty()) {
        reader.error(op.count > 0 ? "count"
                     : op.within  ? "within_ms"
                                  : "end",
                     reader.what() +
                         " counts nothing: 'count', 'within_ms' and 'end' are for "
                         "action = \"ignition-cycle\", \"key-cycle\" or \"door-cycle\"");
    } else if ((op.within || end) && op.count == 0) {
        reader.error(op.within ? "within_ms" : "end",
                     "'" + std::string(op.within ? "within_ms" : "end") + "' in " + reader.what() +
                         " needs 'count', the turns the rig counts");
    } else if (op.count > 0 && op.max_ignition_on) {
        reader.error("max_ignition_on_ms", "'max_ignition_on_ms' in " + reader.what() +
                                               " times one turn of the key; a counted step is "
                                               "timed by 'within_ms'");
    }
    // A key or door cycle is one turn unless counted.
    if (op.count == 0 &&
        (op.action == OperatorAction::key_cycle || op.action == OperatorAction::door_cycle)) {
        op.count = 1;
    }
}

OperatorStep read_operator(TableReader& reader) {
    OperatorStep op;
    const auto action =
        reader.choice("action", {operator_action_names.begin(), operator_action_names.end()});
    op.action = static_cast<OperatorAction>(action.value_or(0));
    op.prompt = reader.string("prompt").value_or("");
    op.timeout = reader.duration("timeout_ms", Need::required, positive_ms).value_or(Duration{});
    op.max_ignition_on = reader.duration("max_ignition_on_ms", Need::optional, positive_ms);
    if (op.max_ignition_on && op.action != OperatorAction::ignition_cycle) {
        reader.error("max_ignition_on_ms",
                     "'max_ignition_on_ms' in " + reader.what() +
                         " times the key in the ignition, so it needs action = \"ignition-cycle\"");
    }
    if (const auto sense =
            reader.choice("ack_sense", {sense_roles.begin(), sense_roles.end()}, Need::optional)) {
        op.ack_sense = sense_roles[*sense];
    }
    read_count(reader, op);
    op.confirm = read_confirmation(reader, std::nullopt);
    op.hold = reader.strings_of("hold", car_switch_roles, Need::optional);
    op.hold_through = reader.string("hold_through", Need::optional).value_or("");
    if (!op.hold_through.empty() && op.hold.empty()) {
        reader.error("hold_through", "'hold_through' in " + reader.what() +
                                         " says until when a contact is held, but the step "
                                         "holds none: name the car's switch in 'hold'");
    }
    return op;
}

// How often an action is played, and how far apart: a count, or "fob" for the fob's number.
ActionRepeat read_action_repeat(TableReader& reader, const toml::table& table) {
    const toml::node* times = table.get("times");
    ActionRepeat repeat{.pos = times != nullptr ? position_of(times->source()) : reader.pos()};
    if (times != nullptr && times->is_string()) {
        const std::string text = reader.string("times").value_or("");
        repeat.per_fob = text == "fob";
        if (!repeat.per_fob) {
            reader.error("times", "'times' in " + reader.what() +
                                      " must be a count or \"fob\" (the fob's number, in a "
                                      "block repeated for each fob), not \"" +
                                      text + "\"");
        }
    } else {
        repeat.times = static_cast<int>(
            reader.integer("times", Need::required, 1, max_repetitions).value_or(1));
    }
    repeat.every = reader.duration("every_ms", Need::required, positive_ms).value_or(Duration{});
    return repeat;
}

ButtonAction read_action(const toml::table& table, std::size_t number, const std::string& step,
                         Diagnostics& out) {
    TableReader reader(table, "action " + std::to_string(number) + " of " + step, out);
    ButtonAction action{.pos = reader.pos()};
    action.name = reader.string("name", Need::optional).value_or("");
    if (!action.name.empty()) {
        reader.describe_as("action " + in_quotes(action.name) + " of " + step);
    }
    action.at = reader.duration("at_ms", Need::required, zero_or_more_ms).value_or(Duration{});
    action.press = reader.strings("press", Need::optional);
    action.release = reader.strings("release", Need::optional);
    if (table.contains("times") || table.contains("every_ms")) {
        action.repeat = read_action_repeat(reader, table);
    }
    reader.reject_unknown_fields();
    return action;
}

// A window that messages call `what`.
Window read_window_as(const toml::table& table, std::string what, Diagnostics& out) {
    TableReader reader(table, std::move(what), out);
    Window window{.pos = reader.pos()};
    window.from = reader.string("from").value_or("");
    window.to = reader.string("to").value_or("");
    window.min = reader.duration("min_ms", Need::optional, positive_ms);
    window.max = reader.duration("max_ms", Need::required, positive_ms).value_or(Duration{});
    if (window.min && window.max > Duration{} && *window.min >= window.max) {
        reader.error("min_ms", "'min_ms' in " + reader.what() + " is " +
                                   duration_text(*window.min) + ", not under its 'max_ms' of " +
                                   duration_text(window.max));
    }
    reader.reject_unknown_fields();
    return window;
}

Window read_window(const toml::table& table, std::size_t number, const std::string& step,
                   Diagnostics& out) {
    return read_window_as(table, "window " + std::to_string(number) + " of " + step, out);
}

// A [[repeat]] block: the steps it repeats, for each fob or a count of times, and its gap.
StepBlock read_block(const toml::table& table, std::size_t number, const std::string& /*file*/,
                     Diagnostics& out) {
    TableReader reader(table, "[[repeat]] " + std::to_string(number), out);
    StepBlock block{.pos = reader.pos()};
    block.steps = reader.strings("steps");
    const bool for_each = table.contains("for_each");
    const bool times = table.contains("times");
    if (for_each) {
        block.per_fob = reader.choice("for_each", {"fob"}).has_value();
    }
    if (times) {
        block.times = static_cast<int>(
            reader.integer("times", Need::required, 1, max_repetitions).value_or(1));
    }
    if (for_each == times) {
        reader.error(for_each ? "times" : "steps",
                     reader.what() +
                         (for_each ? " has both 'for_each' and 'times'"
                                   : " says neither how often it repeats") +
                         ": give for_each = \"fob\" (once for each fob of the session) or "
                         "times = N");
    }
    if (const toml::table* gap = reader.table("gap", Need::optional)) {
        block.gap = read_window_as(*gap, "the gap of " + reader.what(), out);
    }
    reader.reject_unknown_fields();
    return block;
}

// Reads each table of the array `key` with `read`, which is told the entry's number from 1.
template <class T, class Read>
std::vector<T> read_each(TableReader& step, std::string_view key, Need need, Read read) {
    std::vector<T> items;
    for (const toml::table* table : step.tables(key, need)) {
        items.push_back(read(*table, items.size() + 1, step.what(), step.diagnostics()));
    }
    return items;
}

// A variant of `seq`: what it lists replaces the step's own; `number` counts from 1.
SequenceVariant read_variant(const toml::table& table, std::size_t number, const SequenceStep& seq,
                             const std::string& step, Diagnostics& out) {
    TableReader reader(table, "variant " + std::to_string(number) + " of " + step, out);
    SequenceVariant variant{.pos = reader.pos()};
    variant.id = reader.string("id").value_or("");
    if (!variant.id.empty()) {
        reader.describe_as("variant " + in_quotes(variant.id) + " of " + step);
    }
    variant.sources = reader.strings("sources", Need::optional);
    variant.actions = read_each<ButtonAction>(reader, "actions", Need::optional, read_action);
    if (variant.actions.empty()) {
        variant.actions = seq.actions;
    }
    if (variant.actions.empty()) {
        reader.error("actions", reader.what() + " has no 'actions', and its step gives none");
    }
    variant.windows = read_each<Window>(reader, "windows", Need::optional, read_window);
    if (variant.windows.empty()) {
        variant.windows = seq.windows;
    }
    variant.confirm = read_confirmation(reader, seq.purpose);
    if (!variant.confirm) {
        variant.confirm = seq.confirm;
    }
    reader.reject_unknown_fields();
    return variant;
}

SequenceStep read_sequence(TableReader& reader) {
    SequenceStep seq{.pos = reader.pos()};
    const auto purpose =
        reader.choice("purpose", {sequence_purpose_names.begin(), sequence_purpose_names.end()});
    seq.purpose = static_cast<SequencePurpose>(purpose.value_or(0));
    seq.each_fob = reader.boolean("each_fob", true);
    seq.start_after =
        reader.duration("start_after_ms", Need::optional, zero_or_more_ms).value_or(Duration{});
    seq.start_within =
        reader.duration("start_within_ms", Need::optional, limit_ms).value_or(Duration{});
    seq.tolerance =
        reader.duration("tolerance_ms", Need::required, tolerance_ms).value_or(Duration{});
    // With variants, each may bring its own actions instead of the step's.
    const std::vector<const toml::table*> variants = reader.tables("variants", Need::optional);
    seq.actions = read_each<ButtonAction>(
        reader, "actions", variants.empty() ? Need::required : Need::optional, read_action);
    seq.windows = read_each<Window>(reader, "windows", Need::optional, read_window);
    seq.confirm = read_confirmation(reader, seq.purpose);
    for (const toml::table* table : variants) {
        seq.variants.push_back(read_variant(*table, seq.variants.size() + 1, seq, reader.what(),
                                            reader.diagnostics()));
    }
    return seq;
}

Step read_step(const toml::table& table, std::size_t number, Diagnostics& out) {
    TableReader reader(table, "step " + std::to_string(number), out);
    Step step{.pos = reader.pos()};
    step.id = reader.string("id").value_or("");
    if (!step.id.empty()) {
        reader.describe_as("step " + in_quotes(step.id));
    }
    step.title = reader.string("title").value_or("");
    switch (reader.choice("kind", {"operator", "sequence"}).value_or(2)) {
    case 0:
        step.body = read_operator(reader);
        break;
    case 1:
        step.body = read_sequence(reader);
        break;
    default:
        return step; // without a kind, no other field can be judged
    }
    reader.reject_unknown_fields();
    return step;
}

// A step of a block for each fob acts on the block's fob alone: 'each_fob' would say otherwise.
void reject_each_fob_in_block(const toml::table& table, const Step& step,
                              const std::vector<StepBlock>& blocks, Diagnostics& out) {
    const toml::node* each_fob = table.get("each_fob");
    for (std::size_t b = 0; each_fob != nullptr && b < blocks.size(); ++b) {
        if (blocks[b].per_fob &&
            std::ranges::find(blocks[b].steps, step.id) != blocks[b].steps.end()) {
            out.error(position_of(each_fob->source()),
                      "'each_fob' in step " + in_quotes(step.id) + " does not apply: [[repeat]] " +
                          std::to_string(b + 1) +
                          " repeats the step for each fob, each time for that fob alone; leave "
                          "it out");
        }
    }
}

// Reads every step. In `checkable`, a step with problems of its own keeps its id but loses its
// body, so that a typo in one field is reported once and not again as a broken sequence.
// Returns whether every step was read without a problem.
bool read_steps(TableReader& root, const std::vector<StepBlock>& blocks, Procedure& procedure,
                Procedure& checkable) {
    Diagnostics& out = root.diagnostics();
    bool clean = true;
    for (const toml::table* table : root.tables("step")) {
        const std::size_t before = out.count();
        procedure.steps.push_back(read_step(*table, procedure.steps.size() + 1, out));
        reject_each_fob_in_block(*table, procedure.steps.back(), blocks, out);
        checkable.steps.push_back(procedure.steps.back());
        if (out.count() != before) {
            checkable.steps.back().body = OperatorStep{};
            clean = false;
        }
    }
    return clean;
}

void read_procedure(TableReader& root, Procedure& procedure) {
    read_header(root, procedure);
    read_applies_to(root, procedure);
    read_buttons(root, procedure);
    read_prerequisites(root, procedure);
    read_retry(root, procedure);
    read_car(root, procedure);
    read_indicator(root, procedure);
    procedure.windows = read_each<Window>(root, "window", Need::optional, read_window);
    const std::vector<StepBlock> blocks =
        read_each<StepBlock>(root, "repeat", Need::optional, read_block);
    Procedure checkable = procedure;
    const bool steps_read = read_steps(root, blocks, procedure, checkable);
    // The checks judge the steps as played: repeated ones laid out.
    std::vector<Problem> problems = lay_out_repetitions(checkable, blocks);
    lay_out_repetitions(procedure, blocks); // the same problems, reported once
    for (Problem& problem : check_procedure(checkable)) {
        problems.push_back(std::move(problem));
    }
    drop_repeated_problems(checkable, problems);
    if (steps_read) {
        // A step that could not be read may be the program step: do not say there is none.
        for (Problem& problem : check_procedure_programs(checkable)) {
            problems.push_back(std::move(problem));
        }
    }
    for (const Problem& problem : problems) {
        root.diagnostics().error(problem.pos, problem.message);
    }
}

} // namespace

LoadResult<Procedure> parse_procedure(std::string_view text, std::string file_name) {
    return read_document<Procedure>(text, std::move(file_name), read_procedure);
}

LoadResult<Procedure> load_procedure_file(const std::filesystem::path& path) {
    return load_file(path, parse_procedure);
}

} // namespace fobrig
