// Turns a run's live happenings into protocol events and hands each to a sink without waiting:
// the run's thread must never block on clients.
#pragma once

#include "rig/campaign/campaign_pace.hpp"
#include "rig/core/operator_console.hpp"
#include "rig/core/run_observer.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <vector>

namespace fobrig {

class EventObserver final : public RunObserver {
public:
    // `sink` is called on the run's thread and must only hand the event over (post it).
    using Sink = std::function<void(nlohmann::json)>;
    // `target`: what the lines drive, told with every run's start.
    EventObserver(Sink sink, TargetRecord target)
        : sink_(std::move(sink)), target_(std::move(target)) {}

    void run_started(const RunRecord& header) override;
    void step_started(const StepStarted& step) override;
    void commanded(const CommandedEdge& edge) override;
    void sensed(const SensedEdge& edge) override;
    void operator_done(const OperatorRecord& step) override;
    void checked(const CheckRecord& check) override;
    void attempt_ended(const AttemptRecord& attempt) override;
    void prompted(const OperatorPrompt& prompt, Instant now);
    void car_clock(const CarClock& clock, Instant now);
    // A campaign's progress, after each save: "campaign-progress", named by the campaign's id.
    void campaign_progressed(const CampaignProgress& progress, const CampaignPace& pace);

private:
    double since_start_ms(Instant at) const;
    void emit(const char* type, nlohmann::json body);

    Sink sink_;
    TargetRecord target_;
    std::string run_id_;
    Instant t0_{};
    std::vector<std::string> lines_;
};

} // namespace fobrig
