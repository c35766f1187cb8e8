// A run's events as the protocol carries them, made on the control thread from the plain
// records the run's thread handed over: the run's thread never builds JSON.
#pragma once

#include "rig/core/run_record.hpp"
#include "rig/daemon/run_event.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace fobrig {

class EventJson {
public:
    // `target`: what the lines drive, told with every run's start.
    explicit EventJson(TargetRecord target) : target_(std::move(target)) {}

    // The event's JSON; a RunBegun also sets the run id, t0 and line names for what follows.
    nlohmann::json operator()(const RunEvent& event);

private:
    nlohmann::json json(const RunBegun& header);
    nlohmann::json json(const StepBegun& step) const;
    nlohmann::json json(const EdgeCommanded& edge) const;
    nlohmann::json json(const SensedEdge& edge) const;
    nlohmann::json json(const OperatorDone& step) const;
    nlohmann::json json(const Checked& check) const;
    nlohmann::json json(const AttemptEnded& attempt) const;
    nlohmann::json json(const PromptShown& prompt) const;
    nlohmann::json json(const CarClockShown& clock) const;
    nlohmann::json json(const CampaignProgressed& progress) const;

    double since_start_ms(Instant at) const;
    nlohmann::json event(const char* type, nlohmann::json body) const;
    const std::string& line_name(std::size_t line) const;

    TargetRecord target_;
    std::string run_id_;
    Instant t0_{};
    std::vector<std::string> lines_;
};

} // namespace fobrig
