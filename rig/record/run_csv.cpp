// Writing a run's edges as CSV rows for spreadsheets.
#include "rig/record/run_csv.hpp"

#include "rig/record/decimal_text.hpp"
#include "rig/record/edge_text.hpp"
#include "rig/record/target_text.hpp"
#include "rig/record/timeline.hpp"

#include <variant>
#include <vector>

namespace fobrig {
namespace {

std::string us_text(Duration d) {
    return decimal_text(d, microseconds{1}, 3);
}

std::string quoted(const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos) {
        return text;
    }
    std::string out = "\"";
    for (const char c : text) {
        out += c == '"' ? "\"\"" : std::string(1, c);
    }
    return out + "\"";
}

} // namespace

std::string csv_line(const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        out += i == 0 ? "" : ",";
        out += quoted(cells[i]);
    }
    return out + '\n';
}

std::string to_csv(const RunRecord& record) {
    // Every row names the target, so that no row read alone passes for one from a real car.
    const std::string target = target_text(record.target);
    std::string out =
        "time_us,kind,attempt,step,slot,action,line,level,scheduled_us,error_us,flags,target\n";
    for (const TimelineEvent& event : edge_timeline(record)) {
        if (const auto* edge = std::get_if<const CommandedEdge*>(&event.what)) {
            const CommandedEdge& e = **edge;
            out += csv_line({us_text(event.at), "commanded", std::to_string(e.attempt),
                             e.step_id.str(), std::to_string(e.slot), e.action.str(),
                             line_name(record, e.line), e.active ? "1" : "0",
                             us_text(e.scheduled - record.t0), us_text(e.actual - e.scheduled),
                             edge_flags(e), target});
        } else {
            const SensedEdge& e = *std::get<const SensedEdge*>(event.what);
            out += csv_line({us_text(event.at), "sensed", std::to_string(e.attempt), "", "", "",
                             line_name(record, e.line), e.active ? "1" : "0", "", "", "", target});
        }
    }
    return out;
}

} // namespace fobrig
