#include "rig/picture/run_report_html.hpp"

#include "rig/picture/timing_diagram.hpp"
#include "rig/record/interlock_text.hpp"
#include "rig/record/target_text.hpp"
#include "rig/record/timing_table.hpp"
#include "rig/record/xml_text.hpp"

namespace fobrig {
namespace {

const char* report_style = R"(<style>
body { font-family: sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.4em; }
.verdict { font-size: 1.6em; font-weight: bold; padding: 0.3em 0.6em; display: inline-block; }
.verdict-passed { background: #d9f2df; color: #135e27; }
.verdict-failed, .verdict-aborted { background: #fbd3d3; color: #8a1010; }
table { border-collapse: collapse; margin: 0.8em 0; }
th, td { border: 1px solid #ccc; padding: 0.2em 0.5em; text-align: left; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
td.fail { color: #8a1010; font-weight: bold; }
td.pass { color: #135e27; font-weight: bold; }
.diagram { overflow-x: auto; border: 1px solid #ddd; }
.timing td { font-family: monospace; font-size: 0.85em; }
.notice { color: #a15c00; }
</style>
)";

std::string cell(const std::string& text, const std::string& cls = {}) {
    return "<td" + (cls.empty() ? std::string() : " class=\"" + cls + "\"") + ">" +
           xml_escape(text) + "</td>";
}

std::string yes_no(bool value) {
    return value ? "yes" : "no";
}

std::string fob_table(const RunRecord& record) {
    std::string out = "<table class=\"fobs\"><caption>Fobs</caption><thead><tr><th>slot</th>"
                      "<th>fob</th><th>programmed</th><th>verified</th><th>result</th>"
                      "<th>reason</th></tr></thead><tbody>\n";
    for (const FobVerdict& fob : record.fobs) {
        out += "<tr data-slot=\"" + std::to_string(fob.slot) + "\">" +
               cell(std::to_string(fob.slot), "number") + cell(fob.label) +
               cell(yes_no(fob.programmed)) + cell(yes_no(fob.verified)) +
               cell(fob.passed ? "PASS" : "FAIL", fob.passed ? "pass" : "fail") + cell(fob.reason) +
               "</tr>\n";
    }
    return out + "</tbody></table>\n";
}

std::string attempts_list(const RunRecord& record) {
    std::string out = "<ul class=\"attempts\">\n";
    for (const AttemptRecord& attempt : record.attempts) {
        out += "<li>attempt " + std::to_string(attempt.number) + ": " +
               (attempt.passed ? "PASS" : "FAIL") +
               (attempt.reason.empty() ? "" : ", " + xml_escape(attempt.reason)) + "</li>\n";
    }
    return out + "</ul>\n";
}

std::string timing(const RunRecord& record) {
    const std::vector<TextColumn> columns = timing_columns();
    std::string out = "<table class=\"timing\"><caption>Timing</caption><thead><tr>";
    for (const TextColumn& column : columns) {
        out += "<th>" + xml_escape(column.header) + "</th>";
    }
    out += "</tr></thead><tbody>\n";
    for (const auto& row : timing_rows(record)) {
        out += "<tr>";
        for (std::size_t i = 0; i < columns.size(); ++i) {
            out += cell(i < row.size() ? row[i] : "",
                        columns[i].align == Align::right ? "number" : "");
        }
        out += "</tr>\n";
    }
    return out + "</tbody></table>\n";
}

} // namespace

std::string run_report_html(const RunRecord& record, const Procedure* procedure) {
    const std::string outcome = to_string(record.outcome);
    std::string verdict = outcome;
    for (char& c : verdict) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    std::string out = "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" "
                      "lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>fobrig run " +
                      xml_escape(record.id) + "</title>\n" + report_style + "</head>\n<body>\n";
    out += "<h1>Run " + xml_escape(record.id) + "</h1>\n";
    out += "<p class=\"verdict verdict-" + outcome + "\" data-outcome=\"" + outcome + "\">" +
           verdict + (record.reason.empty() ? "" : ": " + xml_escape(record.reason)) + "</p>\n";
    out += "<p>" + xml_escape(record.procedure_name) + " (" + xml_escape(record.procedure_id) +
           ") on rig " + xml_escape(record.rig_name) + " (" +
           xml_escape(target_text(record.target)) + "), started " + xml_escape(record.started_utc) +
           ".</p>\n";
    if (!record.realtime.granted) {
        out += "<p class=\"notice\">Edges were played without real-time scheduling: " +
               xml_escape(record.realtime.detail) + "</p>\n";
    }
    if (record.interlock) {
        out += "<p class=\"interlock\">Interlock: the relay board was powered by " +
               xml_escape(interlock_text(*record.interlock)) + ".</p>\n";
    }
    out += fob_table(record) + attempts_list(record);
    out += "<h2>Timing diagram</h2>\n<div class=\"diagram\">\n" +
           timing_diagram_svg(record, procedure) + "</div>\n";
    out += "<h2>Timing table</h2>\n" + timing(record);
    return out + "</body>\n</html>\n";
}

} // namespace fobrig
