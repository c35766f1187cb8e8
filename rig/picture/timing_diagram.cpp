#include "rig/picture/timing_diagram.hpp"

#include "rig/picture/run_windows.hpp"
#include "rig/picture/time_axis.hpp"
#include "rig/record/decimal_text.hpp"
#include "rig/record/edge_text.hpp"
#include "rig/record/xml_text.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

namespace fobrig {
namespace {

constexpr double left = 180;              // room for the lane names
constexpr double pixels_per_second = 100; // presses 300 ms apart are 30 px apart
constexpr Duration longest_gap = milliseconds{2500};
constexpr double break_width = 44;
constexpr double attempt_row = 34;
constexpr double span_row = 44;
constexpr double start_row = 70;
constexpr double presses_row = 90;
constexpr double confirmation_row = 110;
constexpr double actions_bottom = 196; // action labels stand on this line, slanted
constexpr double lanes_top = 204;
constexpr double lane_height = 38;
constexpr double high = 8; // a lane's active level, from the lane's top
constexpr double low = 30; // its inactive level
constexpr double row_height = 16;

std::string ms(Duration d) {
    return decimal_text(d, milliseconds{1}, 3);
}

enum class LaneKind { output, contact, sense };

struct Lane {
    std::size_t line = 0;
    LaneKind kind = LaneKind::output;
    int slot = 0; // outputs and their contacts
    double top = 0;
};

const char* kind_name(LaneKind kind) {
    switch (kind) {
    case LaneKind::output:
        return "output";
    case LaneKind::contact:
        return "contact";
    case LaneKind::sense:
        return "sense";
    }
    return "";
}

const char* window_class(WindowKind kind) {
    switch (kind) {
    case WindowKind::presses:
        return "presses";
    case WindowKind::start:
        return "start";
    case WindowKind::confirmation:
        return "confirmation";
    }
    return "";
}

double window_row(WindowKind kind) {
    switch (kind) {
    case WindowKind::presses:
        return presses_row;
    case WindowKind::start:
        return start_row;
    case WindowKind::confirmation:
        return confirmation_row;
    }
    return presses_row;
}

// The lanes in the order a reader wants them: each fob's outputs (the slot's order in the
// record), each followed by its contact, then the sense inputs. Outputs the run never drove
// (another slot, an unused button) have no lane.
std::vector<Lane> lanes_of(const RunRecord& record) {
    std::map<std::size_t, int> slot_of_line;
    for (const CommandedEdge& edge : record.commanded) {
        slot_of_line.emplace(checked_line(record, edge.line), edge.slot);
    }
    std::set<std::size_t> contacts;
    for (const RecordedLine& line : record.lines) {
        if (line.contact) {
            contacts.insert(checked_line(record, *line.contact));
        }
    }
    std::vector<Lane> lanes;
    std::vector<int> slots;
    for (const auto& [line, slot] : slot_of_line) {
        if (std::find(slots.begin(), slots.end(), slot) == slots.end()) {
            slots.push_back(slot);
        }
    }
    std::sort(slots.begin(), slots.end());
    for (const int slot : slots) {
        for (std::size_t i = 0; i < record.lines.size(); ++i) {
            const auto found = slot_of_line.find(i);
            if (!record.lines[i].output || found == slot_of_line.end() || found->second != slot) {
                continue;
            }
            lanes.push_back({i, LaneKind::output, slot});
            if (record.lines[i].contact) {
                lanes.push_back({*record.lines[i].contact, LaneKind::contact, slot});
            }
        }
    }
    for (std::size_t i = 0; i < record.lines.size(); ++i) {
        if (!record.lines[i].output && !contacts.contains(i)) {
            lanes.push_back({i, LaneKind::sense});
        }
    }
    for (std::size_t i = 0; i < lanes.size(); ++i) {
        lanes[i].top = lanes_top + static_cast<double>(i) * lane_height;
    }
    return lanes;
}

class Svg {
public:
    void raw(const std::string& text) { out_ += text; }

    void rect(double x, double y, double width, double height, const std::string& cls,
              const std::string& extra = {}) {
        out_ += "<rect class=\"" + cls + "\" x=\"" + coordinate(x) + "\" y=\"" + coordinate(y) +
                "\" width=\"" + coordinate(std::max(width, 1.0)) + "\" height=\"" +
                coordinate(height) + "\"" + extra + "/>\n";
    }

    void line(double x1, double y1, double x2, double y2, const std::string& cls) {
        out_ += "<line class=\"" + cls + "\" x1=\"" + coordinate(x1) + "\" y1=\"" + coordinate(y1) +
                "\" x2=\"" + coordinate(x2) + "\" y2=\"" + coordinate(y2) + "\"/>\n";
    }

    void text(double x, double y, const std::string& cls, const std::string& content,
              const std::string& extra = {}) {
        out_ += "<text class=\"" + cls + "\" x=\"" + coordinate(x) + "\" y=\"" + coordinate(y) +
                "\"" + extra + ">" + xml_escape(content) + "</text>\n";
    }

    void title(const std::string& content) { out_ += "<title>" + xml_escape(content) + "</title>"; }

    std::string str() const { return out_; }

private:
    std::string out_;
};

std::string attribute(const char* name, const std::string& value) {
    return std::string(" ") + name + "=\"" + xml_escape(value) + "\"";
}

const char* diagram_style = R"(<style>
.timing-diagram { font-family: sans-serif; font-size: 11px; }
.run-title { font-size: 13px; font-weight: bold; }
.notice { fill: #a15c00; }
.lane-name { font-family: monospace; }
.lane-rule { stroke: #ddd; }
.wave { fill: none; stroke-width: 1.6; }
.lane-output .wave { stroke: #1f5fa8; }
.lane-contact .wave { stroke: #7a4fb0; stroke-dasharray: 4 2; }
.lane-sense .wave { stroke: #1d7a3a; }
.planned { stroke: #888; stroke-dasharray: 2 2; }
.edge-late circle, .edge-forced circle { fill: #d22; }
.edge-forced .wave-tick { stroke: #d22; }
.action-label { fill: #333; }
.action-forced { fill: #d22; font-weight: bold; }
.step-span { fill: #e8eef8; stroke: #9bb0d0; }
.operator-span { fill: #fff3d6; stroke: #d8b25a; }
.key-in-too-long { fill: #fbd3d3; stroke: #d22; }
.window { opacity: 0.18; }
.window-presses { fill: #f0a020; }
.window-start { fill: #3aa0d0; }
.window-confirmation { fill: #2fa84f; }
.window-bar { opacity: 0.45; }
.window-missed { fill: #d22; }
.answer { stroke: #1d7a3a; stroke-width: 2; }
.check-failed { fill: #d22; font-weight: bold; }
.check-passed { fill: #1d7a3a; }
.attempt-separator { stroke: #555; stroke-width: 1.5; stroke-dasharray: 6 3; }
.attempt-label { font-weight: bold; }
.axis-tick { stroke: #999; }
.time-break { fill: #f4f4f4; stroke: #bbb; }
</style>
)";

class DiagramWriter {
public:
    DiagramWriter(const RunRecord& record, const Procedure* procedure)
        : record_(record), procedure_(procedure), lanes_(lanes_of(record)),
          windows_(procedure ? run_windows(record, *procedure) : std::vector<RunWindow>{}),
          played_(played_sequences(record)),
          axis_(marks(), left, pixels_per_second, longest_gap, break_width) {}

    std::string svg() {
        const double bottom = lanes_top + static_cast<double>(lanes_.size()) * lane_height;
        const double width = axis_.right() + 260;
        const double height = bottom + 40;
        out_.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timing-diagram\" width=\"" +
                 coordinate(width) + "\" height=\"" + coordinate(height) + "\" viewBox=\"0 0 " +
                 coordinate(width) + " " + coordinate(height) + "\" role=\"img\"" +
                 attribute("aria-label", "Timing diagram of run " + record_.id) +
                 attribute("data-run", record_.id) + ">\n");
        out_.title("Timing diagram of run " + record_.id);
        out_.raw(diagram_style);
        header();
        breaks(bottom);
        windows(bottom);
        spans();
        actions();
        for (const Lane& lane : lanes_) {
            draw_lane(lane);
        }
        checks();
        attempts(bottom);
        axis(bottom);
        out_.raw("</svg>\n");
        return out_.str();
    }

private:
    Duration since_t0(Instant at) const { return at - record_.t0; }
    double x(Instant at) const { return axis_.x(since_t0(at)); }

    std::vector<Duration> marks() const {
        std::vector<Duration> all;
        for (const CommandedEdge& edge : record_.commanded) {
            all.push_back(since_t0(edge.actual));
            all.push_back(since_t0(edge.scheduled));
        }
        for (const SensedEdge& edge : record_.sensed) {
            all.push_back(since_t0(edge.at));
        }
        for (const OperatorRecord& step : record_.operator_steps) {
            all.push_back(since_t0(step.prompted));
            if (step.acknowledged) {
                all.push_back(since_t0(*step.acknowledged));
            }
        }
        for (const CheckRecord& check : record_.checks) {
            all.push_back(since_t0(check.decided));
        }
        for (const RunWindow& window : windows_) {
            all.push_back(window.from);
            all.push_back(window.to);
        }
        return all;
    }

    void header() {
        std::string title = "run " + record_.id + " · " + record_.procedure_id + " · rig " +
                            record_.rig_name + " · " + to_string(record_.outcome);
        if (!record_.reason.empty()) {
            title += ": " + record_.reason;
        }
        out_.text(8, 16, "run-title", title);
        if (!procedure_) {
            out_.text(left, attempt_row + 10, "notice",
                      "the car's windows are not shown: procedure " + record_.procedure_id +
                          " was not found");
        }
    }

    // Folded stretches of time: a grey band with the time it stands for.
    void breaks(double bottom) {
        for (const TimeAxis::Break& gap : axis_.breaks()) {
            out_.rect(gap.x + 4, span_row, break_width - 8, bottom - span_row, "time-break",
                      attribute("data-seconds", decimal_text(gap.to - gap.from, seconds{1}, 1)));
            out_.text(gap.x + 6, bottom + 28, "axis-label",
                      "+" + decimal_text(gap.to - gap.from, seconds{1}, 1) + " s");
        }
    }

    // The lanes a window is shaded over: the slot's outputs for its limits, the sense inputs
    // for the car's answer.
    std::pair<double, double> window_extent(const RunWindow& window) const {
        double top = -1;
        double bottom = -1;
        for (const Lane& lane : lanes_) {
            const bool covered = window.kind == WindowKind::confirmation
                                     ? lane.kind == LaneKind::sense
                                     : lane.kind != LaneKind::sense && lane.slot == window.slot;
            if (covered) {
                top = top < 0 ? lane.top : std::min(top, lane.top);
                bottom = std::max(bottom, lane.top + lane_height);
            }
        }
        if (top < 0) {
            return {lanes_top, lanes_top + static_cast<double>(lanes_.size()) * lane_height};
        }
        return {top, bottom};
    }

    void windows(double) {
        for (const RunWindow& window : windows_) {
            const double x1 = axis_.x(window.from);
            const double x2 = axis_.x(window.to);
            const std::string kind = window_class(window.kind);
            const std::string missed = window.kept ? "" : " window-missed";
            const std::string data = attribute("data-kind", kind) +
                                     attribute("data-step", window.step_id) +
                                     attribute("data-slot", std::to_string(window.slot)) +
                                     attribute("data-attempt", std::to_string(window.attempt)) +
                                     attribute("data-label", window.label) +
                                     attribute("data-kept", window.kept ? "true" : "false");
            const auto [top, bottom] = window_extent(window);
            out_.raw("<g class=\"car-window\"" + data + ">");
            out_.title(window.label + " (slot " + std::to_string(window.slot) + ", " +
                       window.step_id + ", " + ms(window.from) + " to " + ms(window.to) + " ms)" +
                       (window.kept ? "" : ": not kept"));
            out_.rect(x1, top, x2 - x1, bottom - top, "window window-" + kind + missed);
            const double row = window_row(window.kind);
            out_.rect(x1, row - 11, x2 - x1, 14, "window-bar window-" + kind + missed);
            out_.text(x1 + 3, row, "window-label", window.label);
            if (window.answer) {
                const double at = axis_.x(*window.answer);
                out_.line(at, top, at, bottom, "answer");
                out_.text(at + 3, top + 10, "answer-label",
                          "answered +" + decimal_text(*window.answer - window.from, seconds{1}, 2) +
                              " s");
            }
            out_.raw("</g>\n");
        }
    }

    void spans() {
        for (const PlayedSequence& sequence : played_) {
            const double x1 = axis_.x(sequence.first);
            const double x2 = axis_.x(sequence.last);
            const std::string label = sequence.step_id + " · slot " + std::to_string(sequence.slot);
            out_.raw("<g class=\"step\"" + attribute("data-step", sequence.step_id) +
                     attribute("data-slot", std::to_string(sequence.slot)) +
                     attribute("data-attempt", std::to_string(sequence.attempt)) + ">");
            out_.rect(x1, span_row - 12, x2 - x1, row_height, "step-span");
            out_.text(x1 + 3, span_row, "step-label", label);
            out_.raw("</g>\n");
        }
        for (const OperatorRecord& step : record_.operator_steps) {
            const double x1 = x(step.prompted);
            const double x2 = step.acknowledged ? x(*step.acknowledged) : x1 + break_width;
            std::string label = step.step_id;
            std::string cls = "operator-span";
            if (step.ignition_on) {
                label += ": key in " + decimal_text(*step.ignition_on, seconds{1}, 1) + " s";
                const OperatorStep* known =
                    procedure_ ? find_operator_step(*procedure_, step.step_id) : nullptr;
                if (known && known->max_ignition_on) {
                    label += " (limit " + duration_text(*known->max_ignition_on) + ")";
                    if (*step.ignition_on > *known->max_ignition_on) {
                        cls += " key-in-too-long";
                    }
                }
            }
            if (!step.acknowledged) {
                label += ": not acknowledged";
            }
            out_.raw("<g class=\"operator-step\"" + attribute("data-step", step.step_id) +
                     attribute("data-attempt", std::to_string(step.attempt)) +
                     (step.ignition_on ? attribute("data-key-in-s",
                                                   decimal_text(*step.ignition_on, seconds{1}, 1))
                                       : "") +
                     ">");
            out_.title(step.prompt);
            out_.rect(x1, span_row - 12, x2 - x1, row_height, cls);
            out_.text(x1 + 3, span_row, "operator-label", label);
            out_.raw("</g>\n");
        }
    }

    // Each action once (a chord's edges share their action), slanted above the lanes.
    void actions() {
        std::set<std::tuple<int, std::string_view, int, std::string_view>> seen;
        for (const CommandedEdge& edge : record_.commanded) {
            if (!seen.insert({edge.attempt, edge.step_id, edge.slot, edge.action}).second &&
                !edge.forced) {
                continue;
            }
            const double at = x(edge.actual);
            out_.text(
                at, actions_bottom, edge.forced ? "action-label action-forced" : "action-label",
                edge.action.str(),
                " transform=\"rotate(-55 " + coordinate(at) + " " + coordinate(actions_bottom) +
                    ")\"" + attribute("data-step", edge.step_id.str()) +
                    attribute("data-slot", std::to_string(edge.slot)));
        }
    }

    void draw_lane(const Lane& lane) {
        const std::string& name = line_name(record_, lane.line);
        out_.raw("<g class=\"lane lane-" + std::string(kind_name(lane.kind)) + "\"" +
                 attribute("data-line", name) + attribute("data-kind", kind_name(lane.kind)) +
                 (lane.slot ? attribute("data-slot", std::to_string(lane.slot)) : "") + ">\n");
        out_.line(left, lane.top + lane_height, axis_.right() + 20, lane.top + lane_height,
                  "lane-rule");
        out_.text(8, lane.top + 22, "lane-name", name);
        // The level as drawn: every edge on this line in time order.
        std::vector<std::pair<Duration, bool>> levels;
        for (const CommandedEdge& edge : record_.commanded) {
            if (edge.line == lane.line) {
                levels.emplace_back(since_t0(edge.actual), edge.active);
            }
        }
        for (const SensedEdge& edge : record_.sensed) {
            if (edge.line == lane.line) {
                levels.emplace_back(since_t0(edge.at), edge.active);
            }
        }
        std::stable_sort(levels.begin(), levels.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        std::string path = "M" + coordinate(left) + " " + coordinate(lane.top + low);
        for (const auto& [at, active] : levels) {
            path += " H" + coordinate(axis_.x(at)) + " V" +
                    coordinate(lane.top + (active ? high : low));
        }
        path += " H" + coordinate(axis_.right() + 20);
        out_.raw("<path class=\"wave\" d=\"" + path + "\"/>\n");
        for (const CommandedEdge& edge : record_.commanded) {
            if (edge.line == lane.line) {
                commanded_edge(lane, edge);
            }
        }
        out_.raw("</g>\n");
    }

    void commanded_edge(const Lane& lane, const CommandedEdge& edge) {
        std::string cls = "edge";
        cls += edge.late ? " edge-late" : "";
        cls += edge.forced ? " edge-forced" : "";
        out_.raw("<g class=\"" + cls + "\"" + attribute("data-action", edge.action.str()) +
                 attribute("data-step", edge.step_id.str()) +
                 attribute("data-attempt", std::to_string(edge.attempt)) +
                 attribute("data-level", edge.active ? "1" : "0") +
                 attribute("data-planned-ms", ms(since_t0(edge.scheduled))) +
                 attribute("data-actual-ms", ms(since_t0(edge.actual))) + ">");
        out_.title(edge.action.str() + " " + (edge.active ? "close" : "open") + ": planned " +
                   ms(since_t0(edge.scheduled)) + " ms, actual " + ms(since_t0(edge.actual)) +
                   " ms (" + decimal_text(edge.actual - edge.scheduled, microseconds{1}, 1) +
                   " us)" + (edge.late ? ", LATE" : "") + (edge.forced ? ", FORCED" : ""));
        const double planned = x(edge.scheduled);
        out_.line(planned, lane.top + 2, planned, lane.top + lane_height - 2, "planned");
        if (edge.late || edge.forced) {
            out_.raw("<circle cx=\"" + coordinate(x(edge.actual)) + "\" cy=\"" +
                     coordinate(lane.top + (high + low) / 2) + "\" r=\"4\"/>");
        }
        out_.raw("</g>\n");
    }

    // Every check's verdict where it was decided; a failed one in red with its reason.
    void checks() {
        for (const CheckRecord& check : record_.checks) {
            const double at = x(check.decided);
            out_.raw("<g class=\"check " +
                     std::string(check.passed ? "check-passed" : "check-failed") + "\"" +
                     attribute("data-step", check.step_id) +
                     attribute("data-slot", std::to_string(check.slot)) +
                     attribute("data-attempt", std::to_string(check.attempt)) + ">");
            out_.title(check.passed ? "passed" : "FAILED: " + check.reason);
            out_.text(at, confirmation_row + 14, check.passed ? "check-passed" : "check-failed",
                      check.passed ? "✓" : "✗ " + check.reason);
            out_.raw("</g>\n");
        }
    }

    void attempts(double bottom) {
        std::map<int, Duration> first;
        const auto note = [&first](int attempt, Duration at) {
            const auto [entry, added] = first.emplace(attempt, at);
            if (!added) {
                entry->second = std::min(entry->second, at);
            }
        };
        for (const CommandedEdge& edge : record_.commanded) {
            note(edge.attempt, since_t0(edge.actual));
        }
        for (const OperatorRecord& step : record_.operator_steps) {
            note(step.attempt, since_t0(step.prompted));
        }
        first.erase(0); // the prerequisites, confirmed before the first attempt
        for (const auto& [number, at] : first) {
            const double x1 = axis_.x(at) - 2;
            std::string label = "attempt " + std::to_string(number);
            for (const AttemptRecord& attempt : record_.attempts) {
                if (attempt.number == number) {
                    label += attempt.passed ? ": PASS" : ": FAIL";
                    label += attempt.reason.empty() ? "" : ", " + attempt.reason;
                }
            }
            out_.raw("<g class=\"attempt\"" + attribute("data-attempt", std::to_string(number)) +
                     ">");
            if (number > 1 || first.size() > 1) {
                out_.line(x1, attempt_row - 12, x1, bottom, "attempt-separator");
            }
            out_.text(x1 + 4, attempt_row - 14 + 12, "attempt-label", label);
            out_.raw("</g>\n");
        }
    }

    // A tick per whole second where time runs linearly.
    void axis(double bottom) {
        out_.line(left, bottom + 4, axis_.right() + 20, bottom + 4, "axis-tick");
        const Duration last = last_mark();
        for (Duration at{0}; at <= last; at += seconds{1}) {
            if (in_break(at)) {
                continue;
            }
            const double tick = axis_.x(at);
            out_.line(tick, bottom + 4, tick, bottom + 10, "axis-tick");
            out_.text(tick - 6, bottom + 20, "axis-label", decimal_text(at, seconds{1}, 0) + " s");
        }
    }

    bool in_break(Duration at) const {
        return std::any_of(
            axis_.breaks().begin(), axis_.breaks().end(),
            [at](const TimeAxis::Break& gap) { return at > gap.from && at < gap.to; });
    }

    Duration last_mark() const {
        Duration last{0};
        for (const Duration at : marks()) {
            last = std::max(last, at);
        }
        return last;
    }

    const RunRecord& record_;
    const Procedure* procedure_;
    std::vector<Lane> lanes_;
    std::vector<RunWindow> windows_;
    std::vector<PlayedSequence> played_;
    TimeAxis axis_;
    Svg out_;
};

} // namespace

std::string timing_diagram_svg(const RunRecord& record, const Procedure* procedure) {
    return DiagramWriter(record, procedure).svg();
}

} // namespace fobrig
