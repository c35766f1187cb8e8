// Rendering the timing log and the verdict summary an operator reads after a run.
#include "rig/record/timing_table.hpp"

#include "rig/record/decimal_text.hpp"
#include "rig/record/edge_text.hpp"
#include "rig/record/interlock_text.hpp"
#include "rig/record/target_text.hpp"
#include "rig/record/text_table.hpp"
#include "rig/record/timeline.hpp"

#include <algorithm>
#include <cctype>
#include <variant>
#include <vector>

namespace fobrig {
namespace {

std::string ms_text(Duration d) {
    return decimal_text(d, milliseconds{1}, 3);
}

std::string yes_no(bool value) {
    return value ? "yes" : "no";
}

std::string pass_fail(bool passed) {
    return passed ? "PASS" : "FAIL";
}

// "FAIL, reason", or the verdict alone when there is no reason to give.
std::string with_reason(const std::string& verdict, const std::string& reason) {
    return reason.empty() ? verdict : verdict + ", " + reason;
}

// Builds one timing-table row per timeline event.
class RowWriter {
public:
    RowWriter(const RunRecord& record, Duration at) : record_(record), at_(ms_text(at)) {}

    std::vector<std::string> operator()(const CommandedEdge* edge) const {
        return {at_,
                std::to_string(edge->attempt),
                edge->step_id.str(),
                std::to_string(edge->slot),
                edge->action.str(),
                line_name(record_, edge->line),
                edge->active ? "1" : "0",
                ms_text(edge->scheduled - record_.t0),
                decimal_text(edge->actual - edge->scheduled, microseconds{1}, 1),
                edge_flags(*edge)};
    }

    std::vector<std::string> operator()(const SensedEdge* edge) const {
        return {at_,
                std::to_string(edge->attempt),
                "",
                "",
                "car signal",
                line_name(record_, edge->line),
                edge->active ? "1" : "0"};
    }

    // The prompt's words are listed under the table (prompt_texts): a row stays narrow.
    std::vector<std::string> operator()(const OperatorRecord* step) const {
        std::string note =
            step->acknowledged
                ? "acknowledged at " + ms_text(*step->acknowledged - record_.t0) + " ms"
                : "not acknowledged";
        if (step->ignition_on) {
            note += "; ignition on " + decimal_text(*step->ignition_on, seconds{1}, 1) + " s";
        }
        return {
            at_, std::to_string(step->attempt), step->step_id, "", "operator", "", "", "", "", "",
            note};
    }

    std::vector<std::string> operator()(const CheckRecord* check) const {
        std::string note = check->passed ? "passed" : "FAILED";
        if (check->passed && check->presses > 1) {
            note += " at press " + std::to_string(check->presses); // the earlier ones unanswered
        }
        if (check->latency) {
            note += ", latency " + ms_text(*check->latency) + " ms";
        }
        if (!check->reason.empty()) {
            note += ": " + check->reason;
        }
        return {at_,
                std::to_string(check->attempt),
                check->step_id,
                std::to_string(check->slot),
                "check",
                "",
                "",
                "",
                "",
                "",
                note};
    }

private:
    const RunRecord& record_;
    std::string at_;
};

} // namespace

std::vector<TextColumn> timing_columns() {
    return {{"time ms", Align::right},
            {"attempt", Align::right},
            {"step"},
            {"slot", Align::right},
            {"action"},
            {"line"},
            {"level", Align::right},
            {"sched ms", Align::right},
            {"error us", Align::right},
            {"flag"},
            {"note"}};
}

std::vector<std::vector<std::string>> timing_rows(const RunRecord& record) {
    std::vector<std::vector<std::string>> rows;
    for (const TimelineEvent& event : full_timeline(record)) {
        rows.push_back(std::visit(RowWriter(record, event.at), event.what));
    }
    return rows;
}

std::string timing_table(const RunRecord& record) {
    TextTable table(timing_columns(), 1); // one space: an edge's row reads in 100 columns
    for (auto& row : timing_rows(record)) {
        table.add_row(std::move(row));
    }
    return table.str();
}

std::string prompt_texts(const RunRecord& record) {
    std::string out;
    std::vector<std::string> listed;
    for (const OperatorRecord& step : record.operator_steps) {
        if (std::find(listed.begin(), listed.end(), step.step_id) == listed.end()) {
            listed.push_back(step.step_id);
            out += "  " + step.step_id + ": \"" + step.prompt + "\"\n";
        }
    }
    return out.empty() ? out : "operator steps:\n" + out;
}

std::string run_report(const RunRecord& record) {
    return timing_table(record) + "\n" + prompt_texts(record) + "\n" + verdict_summary(record);
}

std::string verdict_summary(const RunRecord& record) {
    TextTable fobs(
        {{"slot", Align::right}, {"fob"}, {"programmed"}, {"verified"}, {"result"}, {"reason"}});
    for (const FobVerdict& fob : record.fobs) {
        fobs.add_row({std::to_string(fob.slot), fob.label, yes_no(fob.programmed),
                      yes_no(fob.verified), pass_fail(fob.passed), fob.reason});
    }
    std::string out = fobs.str() + "\n";
    for (const AttemptRecord& attempt : record.attempts) {
        out += "attempt " + std::to_string(attempt.number) + ": " +
               with_reason(pass_fail(attempt.passed), attempt.reason) + "\n";
    }
    if (record.interlock) {
        // Not an edge of any fob, so never a row of the table; but the record says it was on.
        out +=
            "interlock: the relay board was powered by " + interlock_text(*record.interlock) + "\n";
    }
    std::string outcome = to_string(record.outcome);
    std::transform(outcome.begin(), outcome.end(), outcome.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    out += "\nrun " + record.id + " (" + target_text(record.target) +
           "): " + with_reason(outcome, record.reason) + "\n";
    return out;
}

} // namespace fobrig
