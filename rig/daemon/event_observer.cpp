#include "rig/daemon/event_observer.hpp"

#include "rig/campaign/campaign_report.hpp"

namespace fobrig {

void EventObserver::run_started(const RunRecord& header) {
    RunBegun begun{.run_id = header.id,
                   .procedure_id = header.procedure_id,
                   .rig_name = header.rig_name,
                   .t0 = header.t0};
    for (const auto& line : header.lines) {
        begun.lines.push_back(line.name);
    }
    sink_(begun);
}

void EventObserver::step_started(const StepStarted& step) {
    sink_(StepBegun{.attempt = step.attempt,
                    .step_id = step.step_id,
                    .title = step.title,
                    .slot = step.slot,
                    .step_number = step.step_number,
                    .step_count = step.step_count,
                    .attempt_count = step.attempt_count});
}

void EventObserver::commanded(const CommandedEdge& edge) {
    sink_(EdgeCommanded{.attempt = edge.attempt,
                        .step_id = edge.step_id,
                        .slot = edge.slot,
                        .action = edge.action,
                        .line = edge.line,
                        .active = edge.active,
                        .scheduled = edge.scheduled,
                        .actual = edge.actual,
                        .late = edge.late,
                        .forced = edge.forced});
}

void EventObserver::operator_done(const OperatorRecord& step) {
    sink_(OperatorDone{.attempt = step.attempt,
                       .step_id = step.step_id,
                       .prompted = step.prompted,
                       .acknowledged = step.acknowledged,
                       .ignition_on = step.ignition_on});
}

void EventObserver::checked(const CheckRecord& check) {
    sink_(Checked{.attempt = check.attempt,
                  .step_id = check.step_id,
                  .slot = check.slot,
                  .passed = check.passed,
                  .latency = check.latency,
                  .reason = check.reason});
}

void EventObserver::attempt_ended(const AttemptRecord& attempt) {
    sink_(
        AttemptEnded{.number = attempt.number, .passed = attempt.passed, .reason = attempt.reason});
}

void EventObserver::shown(const OperatorPrompt& prompt, Instant now, bool counted) {
    sink_(PromptShown{.step_id = prompt.step_id,
                      .text = prompt.text,
                      .action = prompt.action,
                      .deadline = prompt.deadline,
                      .car_limit = prompt.car_limit,
                      .count = prompt.count,
                      .done = prompt.done,
                      .at = now,
                      .counted = counted});
}

void EventObserver::car_clock(const CarClock& clock, Instant now) {
    sink_(CarClockShown{
        .step_id = clock.step_id, .what = clock.what, .deadline = clock.deadline, .at = now});
}

void EventObserver::campaign_progressed(const CampaignProgress& progress,
                                        const CampaignPace& pace) {
    sink_(CampaignProgressed{progress.plan.request.id, build_report(progress), pace});
}

} // namespace fobrig
