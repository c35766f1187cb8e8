// Hands a run's live happenings to a sink as plain records, without waiting and without
// building anything: the run's thread must never block on clients, nor allocate between edges.
// The records' texts are views of the run's own while the sink runs: the sink copies them.
#pragma once

#include "rig/campaign/campaign_pace.hpp"
#include "rig/campaign/campaign_progress.hpp"
#include "rig/core/operator_console.hpp"
#include "rig/core/run_observer.hpp"
#include "rig/daemon/run_event.hpp"

#include <functional>

namespace fobrig {

class EventObserver final : public RunObserver {
public:
    // `sink` is called on the run's thread and must only hand the event over.
    using Sink = std::function<void(const RunEvent&)>;
    explicit EventObserver(Sink sink) : sink_(std::move(sink)) {}

    void run_started(const RunRecord& header) override;
    void step_started(const StepStarted& step) override;
    void commanded(const CommandedEdge& edge) override;
    void sensed(const SensedEdge& edge) override { sink_(edge); }
    void operator_done(const OperatorRecord& step) override;
    void checked(const CheckRecord& check) override;
    void attempt_ended(const AttemptRecord& attempt) override;
    void prompted(const OperatorPrompt& prompt, Instant now) { shown(prompt, now, false); }
    void car_clock(const CarClock& clock, Instant now);
    void counted(const OperatorPrompt& prompt, Instant now) { shown(prompt, now, true); }
    // A campaign's progress, after each save.
    void campaign_progressed(const CampaignProgress& progress, const CampaignPace& pace);

private:
    void shown(const OperatorPrompt& prompt, Instant now, bool counted);

    Sink sink_;
};

} // namespace fobrig
