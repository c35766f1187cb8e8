#include "rig/daemon/event_json.hpp"

#include "rig/protocol/message.hpp"
#include "rig/record/run_json.hpp"

namespace fobrig {

nlohmann::json EventJson::operator()(const RunEvent& event) {
    return std::visit([this](const auto& happened) { return json(happened); }, event);
}

double EventJson::since_start_ms(Instant at) const {
    return std::chrono::duration<double, std::milli>(at - t0_).count();
}

nlohmann::json EventJson::event(const char* type, nlohmann::json body) const {
    body["run"] = run_id_;
    return protocol::event(type, std::move(body));
}

const std::string& EventJson::line_name(std::size_t line) const {
    static const std::string unknown = "?";
    return line < lines_.size() ? lines_[line] : unknown;
}

nlohmann::json EventJson::json(const RunBegun& header) {
    run_id_ = header.run_id;
    t0_ = header.t0;
    lines_ = header.lines;
    // t0 on CLOCK_MONOTONIC, so that a follower on this machine can tell how late an edge
    // reached it.
    return event("run-started", {{"procedure", header.procedure_id},
                                 {"rig", header.rig_name},
                                 {"t0_mono_ns", header.t0.time_since_epoch().count()},
                                 {"target", to_json(target_)}});
}

nlohmann::json EventJson::json(const StepBegun& step) const {
    return event("step", {{"attempt", step.attempt},
                          {"attempts", step.attempt_count},
                          {"step", step.step_id},
                          {"number", step.step_number},
                          {"steps", step.step_count},
                          {"title", step.title},
                          {"slot", step.slot}});
}

nlohmann::json EventJson::json(const EdgeCommanded& edge) const {
    return event("edge",
                 {{"attempt", edge.attempt},
                  {"step", edge.step_id},
                  {"slot", edge.slot},
                  {"action", edge.action},
                  {"line", line_name(edge.line)},
                  {"level", edge.active ? 1 : 0},
                  {"scheduled_ms", since_start_ms(edge.scheduled)},
                  {"actual_ms", since_start_ms(edge.actual)},
                  {"error_us",
                   std::chrono::duration<double, std::micro>(edge.actual - edge.scheduled).count()},
                  {"late", edge.late},
                  {"forced", edge.forced}});
}

nlohmann::json EventJson::json(const SensedEdge& edge) const {
    return event("sensed", {{"attempt", edge.attempt},
                            {"line", line_name(edge.line)},
                            {"level", edge.active ? 1 : 0},
                            {"at_ms", since_start_ms(edge.at)}});
}

nlohmann::json EventJson::json(const OperatorDone& step) const {
    nlohmann::json body{{"attempt", step.attempt},
                        {"step", step.step_id},
                        {"acknowledged", step.acknowledged.has_value()}};
    if (step.acknowledged) {
        body["took_s"] = std::chrono::duration<double>(*step.acknowledged - step.prompted).count();
    }
    if (step.ignition_on) {
        body["ignition_on_s"] = std::chrono::duration<double>(*step.ignition_on).count();
    }
    return event("operator-done", std::move(body));
}

nlohmann::json EventJson::json(const Checked& check) const {
    nlohmann::json body{{"attempt", check.attempt},
                        {"step", check.step_id},
                        {"slot", check.slot},
                        {"passed", check.passed},
                        {"reason", check.reason}};
    if (check.latency) {
        body["latency_ms"] = std::chrono::duration<double, std::milli>(*check.latency).count();
    }
    return event("confirmation", std::move(body));
}

nlohmann::json EventJson::json(const AttemptEnded& attempt) const {
    return event(
        "attempt",
        {{"attempt", attempt.number}, {"passed", attempt.passed}, {"reason", attempt.reason}});
}

nlohmann::json EventJson::json(const PromptShown& prompt) const {
    if (prompt.counted) {
        return event("counted",
                     {{"step", prompt.step_id}, {"count", prompt.count}, {"done", prompt.done}});
    }
    return event("prompt", {{"step", prompt.step_id},
                            {"count", prompt.count},
                            {"done", prompt.done},
                            {"text", prompt.text},
                            {"action", name_of(prompt.action)},
                            {"car_limit", prompt.car_limit},
                            {"seconds_left",
                             std::chrono::duration<double>(prompt.deadline - prompt.at).count()},
                            {"deadline_mono_ns", prompt.deadline.time_since_epoch().count()}});
}

nlohmann::json EventJson::json(const CarClockShown& clock) const {
    nlohmann::json body{{"step", clock.step_id}, {"what", clock.what}};
    if (clock.deadline) {
        body["seconds_left"] = std::chrono::duration<double>(*clock.deadline - clock.at).count();
        body["deadline_mono_ns"] = clock.deadline->time_since_epoch().count();
    }
    return event("car-clock", std::move(body));
}

nlohmann::json EventJson::json(const CampaignProgressed& progress) const {
    nlohmann::json body{{"run", progress.campaign_id},
                        {"round", progress.pace.round},
                        {"rounds", progress.pace.rounds},
                        {"report", campaign_json(progress.report)}};
    if (progress.pace.time_left) {
        body["seconds_left"] = std::chrono::duration<double>(*progress.pace.time_left).count();
    }
    return protocol::event("campaign-progress", std::move(body));
}

} // namespace fobrig
