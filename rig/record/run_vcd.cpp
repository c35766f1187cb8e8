// Writing a run's lines as a Value Change Dump for waveform viewers.
#include "rig/record/run_vcd.hpp"

#include "rig/record/decimal_text.hpp"
#include "rig/record/edge_text.hpp"
#include "rig/record/timeline.hpp"

#include <algorithm>
#include <variant>
#include <vector>

namespace fobrig {
namespace {

// Identifiers count in base 94 over the printable characters '!' to '~'.
std::string identifier(std::size_t index) {
    constexpr char first = '!';
    constexpr std::size_t radix = '~' - first + 1;
    std::string id;
    do {
        id += static_cast<char>(first + static_cast<char>(index % radix));
        index /= radix;
    } while (index > 0);
    return id;
}

// A VCD reference is one whitespace-free token of printable characters.
std::string reference(const std::string& name) {
    if (name.empty()) {
        return "_";
    }
    std::string out = name;
    std::replace_if(
        out.begin(), out.end(), [](char c) { return c <= ' ' || c > '~'; }, '_');
    return out;
}

struct Change {
    std::size_t line;
    bool active;
};

Change change_of(const TimelineEvent& event) {
    if (const auto* edge = std::get_if<const CommandedEdge*>(&event.what)) {
        return {(*edge)->line, (*edge)->active};
    }
    const SensedEdge& edge = *std::get<const SensedEdge*>(event.what);
    return {edge.line, edge.active};
}

} // namespace

std::string to_vcd(const RunRecord& record) {
    std::string out = "$date " + record.started_utc + " $end\n$version fobrig $end\n" +
                      "$timescale 1 us $end\n$scope module fobrig $end\n";
    for (std::size_t i = 0; i < record.lines.size(); ++i) {
        out += "$var wire 1 " + identifier(i) + " " + reference(record.lines[i].name) + " $end\n";
    }
    out += "$upscope $end\n$enddefinitions $end\n#0\n$dumpvars\n";
    for (std::size_t i = 0; i < record.lines.size(); ++i) {
        out += "0" + identifier(i) + "\n";
    }
    out += "$end\n";
    const std::vector<TimelineEvent> events = edge_timeline(record);
    std::int64_t written = 0; // the timestamp the changes below fall under
    for (const TimelineEvent& event : events) {
        // Nothing may come before #0, where every line was dumped as 0.
        const std::int64_t at = std::max<std::int64_t>(rounded_count(event.at, microseconds{1}), 0);
        if (at != written) {
            out += "#" + std::to_string(at) + "\n";
            written = at;
        }
        const Change change = change_of(event);
        out += (change.active ? "1" : "0") + identifier(checked_line(record, change.line)) + "\n";
    }
    // sigrok and PulseView sample up to the last timestamp only, so the last changes would be
    // lost without one after them.
    if (!events.empty()) {
        out += "#" + std::to_string(written + 1) + "\n";
    }
    return out;
}

} // namespace fobrig
