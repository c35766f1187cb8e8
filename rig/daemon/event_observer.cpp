#include "rig/daemon/event_observer.hpp"

#include "rig/campaign/campaign_report.hpp"
#include "rig/protocol/message.hpp"
#include "rig/record/run_json.hpp"

namespace fobrig {

double EventObserver::since_start_ms(Instant at) const {
    return std::chrono::duration<double, std::milli>(at - t0_).count();
}

void EventObserver::emit(const char* type, nlohmann::json body) {
    body["run"] = run_id_;
    sink_(protocol::event(type, std::move(body)));
}

void EventObserver::run_started(const RunRecord& header) {
    run_id_ = header.id;
    t0_ = header.t0;
    lines_.clear();
    for (const auto& line : header.lines) {
        lines_.push_back(line.name);
    }
    // t0 on CLOCK_MONOTONIC, so that a follower on this machine can tell how late an edge
    // reached it.
    emit("run-started", {{"procedure", header.procedure_id},
                         {"rig", header.rig_name},
                         {"t0_mono_ns", header.t0.time_since_epoch().count()},
                         {"target", to_json(target_)}});
}

void EventObserver::step_started(const StepStarted& step) {
    emit("step", {{"attempt", step.attempt},
                  {"attempts", step.attempt_count},
                  {"step", step.step_id},
                  {"number", step.step_number},
                  {"steps", step.step_count},
                  {"title", step.title},
                  {"slot", step.slot}});
}

void EventObserver::commanded(const CommandedEdge& edge) {
    emit("edge", {{"attempt", edge.attempt},
                  {"step", edge.step_id},
                  {"slot", edge.slot},
                  {"action", edge.action},
                  {"line", lines_.at(edge.line)},
                  {"level", edge.active ? 1 : 0},
                  {"scheduled_ms", since_start_ms(edge.scheduled)},
                  {"actual_ms", since_start_ms(edge.actual)},
                  {"error_us",
                   std::chrono::duration<double, std::micro>(edge.actual - edge.scheduled).count()},
                  {"late", edge.late},
                  {"forced", edge.forced}});
}

void EventObserver::sensed(const SensedEdge& edge) {
    emit("sensed", {{"attempt", edge.attempt},
                    {"line", lines_.at(edge.line)},
                    {"level", edge.active ? 1 : 0},
                    {"at_ms", since_start_ms(edge.at)}});
}

void EventObserver::operator_done(const OperatorRecord& step) {
    nlohmann::json body{{"attempt", step.attempt},
                        {"step", step.step_id},
                        {"acknowledged", step.acknowledged.has_value()}};
    if (step.acknowledged) {
        body["took_s"] = std::chrono::duration<double>(*step.acknowledged - step.prompted).count();
    }
    if (step.ignition_on) {
        body["ignition_on_s"] = std::chrono::duration<double>(*step.ignition_on).count();
    }
    emit("operator-done", std::move(body));
}

void EventObserver::checked(const CheckRecord& check) {
    nlohmann::json body{{"attempt", check.attempt},
                        {"step", check.step_id},
                        {"slot", check.slot},
                        {"passed", check.passed},
                        {"reason", check.reason}};
    if (check.latency) {
        body["latency_ms"] = std::chrono::duration<double, std::milli>(*check.latency).count();
    }
    emit("confirmation", std::move(body));
}

void EventObserver::attempt_ended(const AttemptRecord& attempt) {
    emit("attempt",
         {{"attempt", attempt.number}, {"passed", attempt.passed}, {"reason", attempt.reason}});
}

void EventObserver::prompted(const OperatorPrompt& prompt, Instant now) {
    emit("prompt", {{"step", prompt.step_id},
                    {"text", prompt.text},
                    {"action", name_of(prompt.action)},
                    {"car_limit", prompt.car_limit},
                    {"seconds_left", std::chrono::duration<double>(prompt.deadline - now).count()},
                    {"deadline_mono_ns", prompt.deadline.time_since_epoch().count()}});
}

void EventObserver::campaign_progressed(const CampaignProgress& progress,
                                        const CampaignPace& pace) {
    nlohmann::json body{{"run", progress.plan.request.id},
                        {"round", pace.round},
                        {"rounds", pace.rounds},
                        {"report", campaign_json(build_report(progress))}};
    if (pace.time_left) {
        body["seconds_left"] = std::chrono::duration<double>(*pace.time_left).count();
    }
    sink_(protocol::event("campaign-progress", std::move(body)));
}

void EventObserver::car_clock(const CarClock& clock, Instant now) {
    nlohmann::json body{{"step", clock.step_id}, {"what", clock.what}};
    if (clock.deadline) {
        body["seconds_left"] = std::chrono::duration<double>(*clock.deadline - now).count();
        body["deadline_mono_ns"] = clock.deadline->time_since_epoch().count();
    }
    emit("car-clock", std::move(body));
}

} // namespace fobrig
