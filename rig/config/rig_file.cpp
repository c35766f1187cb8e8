// Reads a rig's TOML field by field, then checks that no line, button or role is wired twice.
#include "rig/config/rig_file.hpp"

#include "rig/config/toml_reader.hpp"

#include <algorithm>
#include <limits>
#include <map>

namespace fobrig {
namespace {

using namespace toml_reading;

constexpr DurationRule max_hold_ms{.max = seconds(60)};
constexpr DurationRule debounce_ms{.zero_allowed = true, .max = seconds(1)};
constexpr DurationRule latency_us{.unit = microseconds(1), .zero_allowed = true, .max = seconds(1)};
// An interlock that keeps a frozen rig's relays powered longer than this is no interlock.
constexpr DurationRule enable_hold_ms{.max = milliseconds(100),
                                      .if_over = "too long for an interlock to drop a frozen rig"};
// The wave's default: a 10 ms period (100 Hz) with a 74HCT123 set to 25 ms (docs/wiring.md) drops
// the board at most 25 ms after the run's thread stops, and tolerates a toggle 15 ms late,
// within the Mini's 20 ms tolerance, where a slower wave would hold the board longer.
constexpr std::int64_t default_enable_hz = 100;
constexpr std::int64_t min_enable_hz = 20;  // below, the board outlives a freeze by 100 ms
constexpr std::int64_t max_enable_hz = 500; // above, a toggle every millisecond costs a wake-up

struct KindDefaults {
    std::string_view name;
    SwitchKind kind;
    Duration operate_latency;
    Duration release_latency;
};

// Typical switching times, used when the file gives none.
const KindDefaults kinds[] = {
    {"relay", SwitchKind::relay, milliseconds(6), milliseconds(4)},
    {"optocoupler", SwitchKind::optocoupler, microseconds(20), microseconds(20)},
    {"solid-state", SwitchKind::solid_state, microseconds(500), microseconds(200)},
};

void read_header(TableReader& root, Rig& rig) {
    std::optional<TableReader> header = root.subtable("rig", "[rig]");
    if (!header) {
        return;
    }
    rig.name = header->string("name").value_or("");
    header->string("description", Need::optional); // for people; the model has no place for it
    static constexpr std::string_view backends[] = {"sim", "gpiod"};
    if (const auto backend = header->choice("backend", {backends[0], backends[1]})) {
        rig.backend = backends[*backend];
    }
    header->reject_unknown_fields();
}

LineRef read_line(TableReader& reader, std::string_view chip_key = "chip",
                  std::string_view line_key = "line") {
    LineRef line;
    line.chip = reader.string(chip_key).value_or("");
    line.offset = static_cast<unsigned>(
        reader.integer(line_key, Need::required, 0, std::numeric_limits<int>::max()).value_or(0));
    return line;
}

// An input's pull; absent means as-is. The names are in Bias's order.
Bias read_bias(TableReader& reader, std::string_view key) {
    const auto bias =
        reader.choice(key, {"as-is", "disabled", "pull-up", "pull-down"}, Need::optional);
    return static_cast<Bias>(bias.value_or(0));
}

// The read-back line is optional as a whole, but half of one (a chip without a line or the
// reverse) is a mistake, so either field asks for both.
void read_readback(const toml::table& table, TableReader& reader, OutputChannel& output) {
    if (table.contains("readback_chip") || table.contains("readback_line")) {
        output.readback = read_line(reader, "readback_chip", "readback_line");
    }
    output.readback_active_low = reader.boolean("readback_active_low", false);
    output.readback_bias = read_bias(reader, "readback_bias");
    // A read-back setting without a read-back line is a line forgotten, not a setting to ignore.
    for (const char* key : {"readback_active_low", "readback_bias"}) {
        if (!output.readback && table.contains(key)) {
            reader.error(key, std::string("'") + key +
                                  "' is set, but the output has no read-back line (readback_line)");
        }
    }
}

void read_switch_timing(TableReader& reader, OutputChannel& output) {
    const auto kind = reader.choice("kind", {kinds[0].name, kinds[1].name, kinds[2].name});
    const KindDefaults& defaults = kinds[kind.value_or(0)];
    output.kind = defaults.kind;
    output.operate_latency = reader.duration("operate_latency_us", Need::optional, latency_us)
                                 .value_or(defaults.operate_latency);
    output.release_latency = reader.duration("release_latency_us", Need::optional, latency_us)
                                 .value_or(defaults.release_latency);
}

OutputChannel read_output(const toml::table& table, std::size_t number, Diagnostics& out) {
    TableReader reader(table, "[[output]] " + std::to_string(number), out);
    OutputChannel output{.pos = reader.pos()};
    if (table.contains("car")) {
        // A contact across the car's switch: no fob's slot or button (refused as unknown).
        if (const auto role =
                reader.choice("car", {car_switch_roles.begin(), car_switch_roles.end()})) {
            output.car_switch = car_switch_roles[*role];
            reader.describe_as("the output across the car's " + output.car_switch + " switch");
        }
    } else {
        output.slot = static_cast<int>(reader.integer("slot", Need::required, 1, 1000).value_or(0));
        output.button = reader.identifier("button").value_or("");
        if (output.slot > 0 && !output.button.empty()) {
            reader.describe_as("the output for slot " + std::to_string(output.slot) + " " +
                               output.button);
        }
    }
    output.line = read_line(reader);
    output.active_low = reader.boolean("active_low", false);
    read_switch_timing(reader, output);
    output.max_hold =
        reader.duration("max_hold_ms", Need::required, max_hold_ms).value_or(Duration{});
    read_readback(table, reader, output);
    reader.reject_unknown_fields();
    return output;
}

SenseInput read_sense(const toml::table& table, std::size_t number, Diagnostics& out) {
    TableReader reader(table, "[[sense]] " + std::to_string(number), out);
    SenseInput sense{.pos = reader.pos()};
    if (const auto role = reader.choice("role", {sense_roles.begin(), sense_roles.end()})) {
        sense.role = sense_roles[*role];
    }
    if (!sense.role.empty()) {
        reader.describe_as("sense input '" + sense.role + "'");
    }
    sense.line = read_line(reader);
    sense.active_low = reader.boolean("active_low", false);
    sense.debounce =
        reader.duration("debounce_ms", Need::optional, debounce_ms).value_or(Duration{});
    sense.bias = read_bias(reader, "bias");
    reader.reject_unknown_fields();
    return sense;
}

// The optional [enable] table: the interlock's line, its wave and the board's hold time.
void read_enable(TableReader& root, Rig& rig) {
    std::optional<TableReader> reader = root.subtable("enable", "[enable]", Need::optional);
    if (!reader) {
        return;
    }
    const std::size_t before = root.diagnostics().count();
    EnableOutput enable{.pos = reader->pos()};
    enable.line = read_line(*reader);
    enable.active_low = reader->boolean("active_low", false);
    const std::int64_t hz =
        reader->integer("frequency_hz", Need::optional, min_enable_hz, max_enable_hz)
            .value_or(default_enable_hz);
    enable.period = Duration(seconds(1)) / hz;
    const auto hold = reader->duration("hold_ms", Need::optional, enable_hold_ms);
    enable.hold = hold.value_or(enable.period * 5 / 2);
    if (hold && *hold < 2 * enable.period) {
        reader->error("hold_ms", "'hold_ms' in [enable] is " + ms_precise_text(*hold) +
                                     ", shorter than two periods of the wave (" +
                                     ms_precise_text(2 * enable.period) + " at " +
                                     std::to_string(hz) +
                                     " Hz): one late toggle would drop the relay board");
    }
    reader->reject_unknown_fields();
    if (root.diagnostics().count() == before) {
        rig.enable = enable;
    }
}

// Reads each table of the array `key`; those read without problems also go to `clean`, so
// that a field that could not be read does not pass for a second use of line 0 and the like.
template <class T, class Read>
std::vector<T> read_each(TableReader& root, std::string_view key, Need need, Read read,
                         std::vector<T>& clean) {
    std::vector<T> items;
    for (const toml::table* table : root.tables(key, need)) {
        const std::size_t before = root.diagnostics().count();
        items.push_back(read(*table, items.size() + 1, root.diagnostics()));
        if (root.diagnostics().count() == before) {
            clean.push_back(items.back());
        }
    }
    return items;
}

// One thing that must be wired once: what identifies it, where it is, and who uses it.
struct Use {
    std::string key;
    SourcePos pos;
    std::string user;
};

// Reports each use after the first, in file order; `message` says it, given the first use.
template <class Message>
void report_repeats(std::vector<Use> uses, Message message, Diagnostics& out) {
    std::ranges::stable_sort(uses, {}, [](const Use& u) { return u.pos.line; });
    std::map<std::string, Use> first;
    for (const Use& use : uses) {
        if (auto [it, fresh] = first.try_emplace(use.key, use); !fresh) {
            out.error(use.pos, message(use, it->second) + " (line " +
                                   std::to_string(it->second.pos.line) + ")");
        }
    }
}

// A chip as the kernel names it, so that "0", "/dev/gpiochip0" and "gpiochip0" compare equal
// (a label stays as written: which chip it is, only the running system knows).
std::string chip_key(const std::string& chip) {
    const std::string_view dev = "/dev/";
    std::string name = chip.starts_with(dev) ? chip.substr(dev.size()) : chip;
    const bool number =
        !name.empty() && std::ranges::all_of(name, [](char c) { return c >= '0' && c <= '9'; });
    return number ? "gpiochip" + name : name;
}

std::string line_text(const LineRef& line) {
    return chip_key(line.chip) + ":" + std::to_string(line.offset);
}

void check_unique_wiring(const Rig& rig, Diagnostics& out) {
    std::vector<Use> lines;
    std::vector<Use> buttons;
    std::vector<Use> roles;
    for (const OutputChannel& o : rig.outputs) {
        const std::string user = channel_text(o);
        lines.push_back({line_text(o.line), o.pos, user});
        if (o.readback) {
            lines.push_back({line_text(*o.readback), o.pos, user + "'s read-back"});
        }
        buttons.push_back({channel_name(o), o.pos, user});
    }
    for (const SenseInput& s : rig.senses) {
        lines.push_back({line_text(s.line), s.pos, "sense input '" + s.role + "'"});
        roles.push_back({s.role, s.pos, "sense input '" + s.role + "'"});
    }
    if (rig.enable) {
        lines.push_back({line_text(rig.enable->line), rig.enable->pos, "the enable line"});
    }
    report_repeats(
        std::move(lines),
        [](const Use& use, const Use& first) {
            return "line " + use.key + " is already used by " + first.user;
        },
        out);
    const auto already_wired = [](const Use& use, const Use&) {
        return use.user + " is already wired";
    };
    report_repeats(std::move(buttons), already_wired, out);
    report_repeats(std::move(roles), already_wired, out);
}

std::vector<int> distinct_slots(const std::vector<OutputChannel>& outputs) {
    std::vector<int> slots;
    for (const OutputChannel& o : outputs) {
        if (o.car_switch.empty()) {
            slots.push_back(o.slot);
        }
    }
    std::ranges::sort(slots);
    slots.erase(std::unique(slots.begin(), slots.end()), slots.end());
    return slots;
}

void read_rig(TableReader& root, Rig& rig) {
    read_header(root, rig);
    Rig checkable;
    rig.outputs = read_each(root, "output", Need::required, read_output, checkable.outputs);
    rig.senses = read_each(root, "sense", Need::optional, read_sense, checkable.senses);
    read_enable(root, rig);
    checkable.enable = rig.enable;
    check_unique_wiring(checkable, root.diagnostics());
    rig.slots = distinct_slots(rig.outputs);
}

} // namespace

LoadResult<Rig> parse_rig(std::string_view text, std::string file_name) {
    return read_document<Rig>(text, std::move(file_name), read_rig);
}

LoadResult<Rig> load_rig_file(const std::filesystem::path& path) {
    return load_file(path, parse_rig);
}

} // namespace fobrig
