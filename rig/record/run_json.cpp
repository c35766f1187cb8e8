// Writing run.json and reading it back with errors that name the offending field.
#include "rig/record/run_json.hpp"

#include "rig/core/contact_answers.hpp"
#include "rig/record/edge_text.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

namespace fobrig {
namespace {

using nlohmann::json;

constexpr const char* format_name = "fobrig-run";
constexpr int format_version = 1;

double to_us(Duration d) {
    return static_cast<double>(d.count()) / 1000.0;
}

json optional_us(const std::optional<Duration>& d) {
    return d ? json(to_us(*d)) : json(nullptr);
}

// One JSON object being read, and where it sits in run.json, so that every error names the
// field it is about.
class Reader {
public:
    Reader(const json& value, std::string where) : value_(value), where_(std::move(where)) {
        if (!value_.is_object()) {
            throw std::runtime_error("run record: " + (where_.empty() ? "the document" : where_) +
                                     " must be an object");
        }
    }

    std::string text(const char* key) const {
        return typed<std::string>(key, &json::is_string, "a string");
    }

    // A step's id or an action's name on an edge.
    EdgeName name(const char* key) const {
        std::string name = text(key);
        if (!fits_edge_name(name)) {
            fail(key, "is longer than " + std::to_string(EdgeName::capacity) + " characters");
        }
        return name;
    }

    // Empty when absent: records written before the field existed.
    std::string maybe_text(const char* key) const {
        return value_.contains(key) ? text(key) : std::string();
    }

    bool flag(const char* key) const {
        return typed<bool>(key, &json::is_boolean, "true or false");
    }

    std::int64_t whole(const char* key, std::int64_t min, std::int64_t max) const {
        const json& value = get(key);
        // Non-negative numbers parse as unsigned; those beyond int64 fit no field.
        const bool is_int64 =
            value.is_number_integer() &&
            !(value.is_number_unsigned() &&
              value.get<std::uint64_t>() >
                  static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()));
        if (!is_int64 || value.get<std::int64_t>() < min || value.get<std::int64_t>() > max) {
            fail(key, "must be a whole number from " + std::to_string(min) + " to " +
                          std::to_string(max));
        }
        return value.get<std::int64_t>();
    }

    int small(const char* key) const {
        return static_cast<int>(
            whole(key, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
    }

    Duration us(const char* key) const {
        const json& value = get(key);
        // Whole nanoseconds must fit Duration's int64.
        constexpr double limit_us = 9.2e15;
        if (!value.is_number() || !(std::fabs(value.get<double>()) < limit_us)) {
            fail(key, "must be a number of microseconds");
        }
        return Duration{std::llround(value.get<double>() * 1000.0)};
    }

    std::optional<Duration> maybe_us(const char* key) const {
        if (get(key).is_null()) {
            return std::nullopt;
        }
        return us(key);
    }

    bool has(const char* key) const { return value_.contains(key); }

    // An array of strings, appended to `into`.
    void texts(const char* key, std::vector<std::string>& into) const {
        const json& value = get(key);
        if (!value.is_array()) {
            fail(key, "must be an array of strings");
        }
        for (const json& item : value) {
            if (!item.is_string()) {
                fail(key, "must be an array of strings");
            }
            into.push_back(item.get<std::string>());
        }
    }

    Reader object(const char* key) const { return Reader(get(key), path(key)); }

    std::vector<Reader> list(const char* key) const {
        const json& value = get(key);
        if (!value.is_array()) {
            fail(key, "must be an array");
        }
        std::vector<Reader> items;
        for (std::size_t i = 0; i < value.size(); ++i) {
            items.emplace_back(value[i], path(key) + "[" + std::to_string(i) + "]");
        }
        return items;
    }

    [[noreturn]] void fail(const char* key, const std::string& problem) const {
        throw std::runtime_error("run record field \"" + path(key) + "\" " + problem);
    }

private:
    std::string path(const char* key) const { return where_.empty() ? key : where_ + "." + key; }

    const json& get(const char* key) const {
        const auto found = value_.find(key);
        if (found == value_.end()) {
            fail(key, "is missing");
        }
        return *found;
    }

    template <typename T>
    T typed(const char* key, bool (json::*is_type)() const noexcept, const char* expected) const {
        const json& value = get(key);
        if (!(value.*is_type)()) {
            fail(key, std::string("must be ") + expected);
        }
        return value.get<T>();
    }

    const json& value_;
    std::string where_;
};

// Lines are referred to by name in the file and by index in the record.
class LineNames {
public:
    explicit LineNames(const std::vector<RecordedLine>& lines) {
        for (std::size_t i = 0; i < lines.size(); ++i) {
            if (!index_.emplace(lines[i].name, i).second) {
                throw std::runtime_error("run record field \"lines[" + std::to_string(i) +
                                         "].name\" repeats the line name \"" + lines[i].name +
                                         "\"");
            }
        }
    }

    // The line that `item`'s field `key` names.
    std::size_t index(const Reader& item, const char* key = "line") const {
        const std::string name = item.text(key);
        const auto found = index_.find(name);
        if (found == index_.end()) {
            item.fail(key, "names \"" + name + "\", which is not in \"lines\"");
        }
        return found->second;
    }

private:
    std::map<std::string, std::size_t> index_;
};

RunOutcome outcome_from(const Reader& root) {
    const std::string text = root.text("outcome");
    for (const RunOutcome outcome : run_outcomes) {
        if (text == to_string(outcome)) {
            return outcome;
        }
    }
    root.fail("outcome", "must be \"passed\", \"failed\", \"aborted\" or \"unverified\", not \"" +
                             text + "\"");
}

void check_format(const Reader& root) {
    if (root.text("format") != format_name) {
        root.fail("format", std::string("must be \"") + format_name + "\"");
    }
    if (root.small("version") != format_version) {
        root.fail("version", "must be " + std::to_string(format_version) +
                                 "; this file is from another fobrig");
    }
}

TargetRecord target_of(const Reader& reader) {
    TargetRecord target{.simulated = reader.flag("simulated")};
    reader.texts("sim_faults", target.sim_faults);
    // Empty in records written before the simulated car was named.
    target.sim_car = reader.maybe_text("sim_car");
    target.sim_car_name = reader.maybe_text("sim_car_name");
    if (reader.has("car_notes")) { // records written before the simulated car's notes were kept
        reader.texts("car_notes", target.car_notes);
    }
    return target;
}

} // namespace

TargetRecord target_from_json(const json& document) {
    return target_of(Reader(document, "target"));
}

json to_json(const TargetRecord& target) {
    json document{{"simulated", target.simulated}, {"sim_faults", target.sim_faults}};
    if (target.simulated) {
        document["sim_car"] = target.sim_car;
        document["sim_car_name"] = target.sim_car_name;
        document["car_notes"] = target.car_notes;
    }
    return document;
}

// Whole microseconds: the wave's period and the board's hold are set in the rig file.
json to_json(const InterlockRecord& interlock) {
    const auto us = [](Duration d) { return std::chrono::duration_cast<microseconds>(d).count(); };
    return {{"line", interlock.line},
            {"period_us", us(interlock.period)},
            {"hold_us", us(interlock.hold)}};
}

InterlockRecord interlock_of(const Reader& reader) {
    const auto us = [&](const char* key) {
        return Duration(
            microseconds(reader.whole(key, 1, std::chrono::microseconds(seconds(1)).count())));
    };
    return {.line = reader.text("line"), .period = us("period_us"), .hold = us("hold_us")};
}

json to_json(const FobVerdict& fob) {
    return {{"slot", fob.slot},         {"label", fob.label},   {"programmed", fob.programmed},
            {"verified", fob.verified}, {"passed", fob.passed}, {"reason", fob.reason}};
}

json to_json(const RunRecord& record) {
    json lines = json::array();
    for (const RecordedLine& line : record.lines) {
        json entry = {{"name", line.name}, {"output", line.output}};
        if (line.contact) {
            entry["contact"] = line_name(record, *line.contact);
        }
        lines.push_back(std::move(entry));
    }
    json contacts = json::array();
    for (const ContactAnswer& answer : contact_answers(record)) {
        const CommandedEdge& edge = record.commanded[answer.commanded];
        json entry = {{"line", line_name(record, edge.line)},
                      {"level", edge.active ? 1 : 0},
                      {"commanded_us", to_us(edge.actual - record.t0)},
                      {"followed", answer.transition.has_value()}};
        if (answer.transition) {
            entry["delay_us"] = to_us(answer.transition->delay);
            entry["bounce_us"] = to_us(answer.transition->bounce);
            entry["bounces"] = answer.transition->extra_edges;
        }
        contacts.push_back(std::move(entry));
    }
    json commanded = json::array();
    for (const CommandedEdge& edge : record.commanded) {
        commanded.push_back({{"attempt", edge.attempt},
                             {"step", edge.step_id.str()},
                             {"slot", edge.slot},
                             {"action", edge.action.str()},
                             {"line", line_name(record, edge.line)},
                             {"level", edge.active ? 1 : 0},
                             {"scheduled_us", to_us(edge.scheduled - record.t0)},
                             {"actual_us", to_us(edge.actual - record.t0)},
                             {"error_us", to_us(edge.actual - edge.scheduled)},
                             {"late", edge.late},
                             {"forced", edge.forced}});
    }
    json sensed = json::array();
    for (const SensedEdge& edge : record.sensed) {
        sensed.push_back({{"attempt", edge.attempt},
                          {"line", line_name(record, edge.line)},
                          {"level", edge.active ? 1 : 0},
                          {"at_us", to_us(edge.at - record.t0)}});
    }
    json operator_steps = json::array();
    for (const OperatorRecord& step : record.operator_steps) {
        // Built directly: gcc 12 at -O2 misreads an optional temporary here as uninitialised.
        const json acknowledged =
            step.acknowledged ? json(to_us(*step.acknowledged - record.t0)) : json(nullptr);
        const json sensed = step.sensed ? json(to_us(*step.sensed - record.t0)) : json(nullptr);
        operator_steps.push_back({{"attempt", step.attempt},
                                  {"step", step.step_id},
                                  {"prompt", step.prompt},
                                  {"prompted_us", to_us(step.prompted - record.t0)},
                                  {"acknowledged_us", acknowledged},
                                  {"ignition_on_us", optional_us(step.ignition_on)},
                                  {"sensed_us", sensed}});
    }
    json checks = json::array();
    for (const CheckRecord& check : record.checks) {
        checks.push_back({{"attempt", check.attempt},
                          {"step", check.step_id},
                          {"slot", check.slot},
                          {"variant", check.variant},
                          {"passed", check.passed},
                          {"decided_us", to_us(check.decided - record.t0)},
                          {"latency_us", optional_us(check.latency)},
                          {"reason", check.reason},
                          {"presses", check.presses}});
    }
    json attempts = json::array();
    for (const AttemptRecord& attempt : record.attempts) {
        attempts.push_back({{"attempt", attempt.number},
                            {"passed", attempt.passed},
                            {"reason", attempt.reason},
                            {"variant", attempt.variant}});
    }
    json fobs = json::array();
    for (const FobVerdict& fob : record.fobs) {
        fobs.push_back(to_json(fob));
    }
    const json realtime = {{"granted", record.realtime.granted},
                           {"detail", record.realtime.detail}};
    json document = {
        {"format", format_name},
        {"version", format_version},
        {"id", record.id},
        {"procedure", {{"id", record.procedure_id}, {"name", record.procedure_name}}},
        {"rig", record.rig_name},
        {"started_utc", record.started_utc},
        {"t0_ns", record.t0.time_since_epoch().count()},
        {"outcome", to_string(record.outcome)},
        {"reason", record.reason},
        {"realtime", realtime},
        {"late_edges", late_edge_count(record)}, // for readers; derived from "commanded"
        {"lines", lines},
        {"commanded", commanded},
        {"sensed", sensed},
        {"contacts", contacts}, // for readers; derived from "commanded" and "sensed"
        {"operator", operator_steps},
        {"checks", checks},
        {"attempts", attempts},
        {"fobs", fobs}};
    if (record.target) {
        document["target"] = to_json(*record.target);
    }
    if (record.interlock) {
        document["interlock"] = to_json(*record.interlock);
    }
    return document;
}

RunRecord run_from_json(const json& document) {
    const Reader root(document, "");
    check_format(root);
    RunRecord record;
    record.id = root.text("id");
    const Reader procedure = root.object("procedure");
    record.procedure_id = procedure.text("id");
    record.procedure_name = procedure.text("name");
    record.rig_name = root.text("rig");
    record.started_utc = root.text("started_utc");
    record.t0 = Instant{Duration{root.whole("t0_ns", std::numeric_limits<std::int64_t>::min(),
                                            std::numeric_limits<std::int64_t>::max())}};
    record.outcome = outcome_from(root);
    record.reason = root.text("reason");
    const Reader realtime = root.object("realtime");
    record.realtime = {.granted = realtime.flag("granted"), .detail = realtime.text("detail")};
    if (root.has("target")) {
        record.target = target_of(root.object("target"));
    }
    if (root.has("interlock")) {
        record.interlock = interlock_of(root.object("interlock"));
    }
    for (const Reader& line : root.list("lines")) {
        record.lines.push_back({.name = line.text("name"), .output = line.flag("output")});
    }
    const LineNames lines(record.lines);
    const auto line_list = root.list("lines");
    for (std::size_t i = 0; i < line_list.size(); ++i) {
        if (line_list[i].has("contact")) {
            record.lines[i].contact = lines.index(line_list[i], "contact");
        }
    }
    for (const Reader& edge : root.list("commanded")) {
        record.commanded.push_back({.attempt = edge.small("attempt"),
                                    .step_id = edge.name("step"),
                                    .slot = edge.small("slot"),
                                    .action = edge.name("action"),
                                    .line = lines.index(edge),
                                    .active = edge.whole("level", 0, 1) == 1,
                                    .scheduled = record.t0 + edge.us("scheduled_us"),
                                    .actual = record.t0 + edge.us("actual_us"),
                                    .late = edge.flag("late"),
                                    .forced = edge.flag("forced")});
    }
    for (const Reader& edge : root.list("sensed")) {
        record.sensed.push_back({.attempt = edge.small("attempt"),
                                 .line = lines.index(edge),
                                 .active = edge.whole("level", 0, 1) == 1,
                                 .at = record.t0 + edge.us("at_us")});
    }
    for (const Reader& step : root.list("operator")) {
        const std::optional<Duration> acknowledged = step.maybe_us("acknowledged_us");
        const std::optional<Duration> sensed = step.maybe_us("sensed_us");
        record.operator_steps.push_back(
            {.attempt = step.small("attempt"),
             .step_id = step.text("step"),
             .prompt = step.text("prompt"),
             .prompted = record.t0 + step.us("prompted_us"),
             .acknowledged = acknowledged ? std::optional(record.t0 + *acknowledged) : std::nullopt,
             .ignition_on = step.maybe_us("ignition_on_us"),
             .sensed = sensed ? std::optional(record.t0 + *sensed) : std::nullopt});
    }
    for (const Reader& check : root.list("checks")) {
        record.checks.push_back({.attempt = check.small("attempt"),
                                 .step_id = check.text("step"),
                                 .slot = check.small("slot"),
                                 .passed = check.flag("passed"),
                                 .decided = record.t0 + check.us("decided_us"),
                                 .latency = check.maybe_us("latency_us"),
                                 .reason = check.text("reason"),
                                 .variant = check.maybe_text("variant"),
                                 .presses = check.has("presses")
                                                ? static_cast<int>(check.whole("presses", 1, 100))
                                                : 1});
    }
    for (const Reader& attempt : root.list("attempts")) {
        record.attempts.push_back({.number = attempt.small("attempt"),
                                   .passed = attempt.flag("passed"),
                                   .reason = attempt.text("reason"),
                                   .variant = attempt.maybe_text("variant")});
    }
    for (const Reader& fob : root.list("fobs")) {
        record.fobs.push_back({.slot = fob.small("slot"),
                               .label = fob.text("label"),
                               .programmed = fob.flag("programmed"),
                               .verified = fob.flag("verified"),
                               .passed = fob.flag("passed"),
                               .reason = fob.text("reason")});
    }
    return record;
}

} // namespace fobrig
