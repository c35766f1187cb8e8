// One happening of a run as its thread hands it to the control loop: a plain record copied into
// a queue slot made before the run, so that handing an edge over allocates nothing and takes no
// lock. The JSON that clients read is made from it on the control thread (event_json.hpp).
#pragma once

#include "rig/campaign/campaign_pace.hpp"
#include "rig/campaign/campaign_report.hpp"
#include "rig/core/operator_console.hpp"
#include "rig/core/run_observer.hpp"

#include <string>
#include <variant>
#include <vector>

namespace fobrig {

// The record's header, before anything else of the run.
struct RunBegun {
    std::string run_id;
    std::string procedure_id;
    std::string rig_name;
    Instant t0{};
    std::vector<std::string> lines; // names, by the index that edges carry
};

struct PromptShown {
    OperatorPrompt prompt;
    Instant at{};
    bool counted = false; // the prompt again, one more turn counted (prompt.done)
};

struct CarClockShown {
    CarClock clock;
    Instant at{};
};

// After each save of a campaign's progress.
struct CampaignProgressed {
    std::string campaign_id;
    CampaignReport report;
    CampaignPace pace;
};

using RunEvent =
    std::variant<RunBegun, StepStarted, CommandedEdge, SensedEdge, OperatorRecord, CheckRecord,
                 AttemptRecord, PromptShown, CarClockShown, CampaignProgressed>;

} // namespace fobrig
