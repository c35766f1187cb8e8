// One happening of a run as its thread hands it to the control loop: a fixed-size plain record
// copied into a queue slot made before the run, its texts into room the queue keeps for them
// (event_texts.hpp), so that handing an event over allocates nothing and takes no lock. The
// JSON that clients read is made from it on the control thread (event_json.hpp).
#pragma once

#include "rig/campaign/campaign_pace.hpp"
#include "rig/campaign/campaign_report.hpp"
#include "rig/core/operator_console.hpp"
#include "rig/core/run_observer.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <variant>
#include <vector>

namespace fobrig {

// A text an event carries: a view of the run's own text while the run's thread hands the event
// over, then of the queue's copy until the control loop has made the event's JSON. Each record
// lists its texts in texts(), for the queue to copy.
using EventText = std::string_view;

// The record's header, before anything else of the run (and before its first edge: it may
// allocate).
struct RunBegun {
    std::string run_id;
    std::string procedure_id;
    std::string rig_name;
    Instant t0{};
    std::vector<std::string> lines; // names, by the index that edges carry
};

struct StepBegun {
    int attempt = 0;
    EventText step_id;
    EventText title;
    int slot = 0;
    int step_number = 0;
    int step_count = 0;
    int attempt_count = 0;
    auto texts() { return std::tie(step_id, title); }
};

struct EdgeCommanded {
    int attempt = 0;
    EventText step_id;
    int slot = 0;
    EventText action;
    std::size_t line = 0; // index into RunBegun::lines
    bool active = false;
    Instant scheduled{};
    Instant actual{};
    bool late = false;
    bool forced = false;
    auto texts() { return std::tie(step_id, action); }
};

struct OperatorDone {
    int attempt = 0;
    EventText step_id;
    Instant prompted{};
    std::optional<Instant> acknowledged;
    std::optional<Duration> ignition_on;
    auto texts() { return std::tie(step_id); }
};

struct Checked {
    int attempt = 0;
    EventText step_id;
    int slot = 0;
    bool passed = false;
    std::optional<Duration> latency;
    EventText reason;
    auto texts() { return std::tie(step_id, reason); }
};

struct AttemptEnded {
    int number = 0;
    bool passed = false;
    EventText reason;
    auto texts() { return std::tie(reason); }
};

struct PromptShown {
    EventText step_id;
    EventText text;
    OperatorAction action = OperatorAction::confirm;
    Instant deadline{};
    EventText car_limit;
    int count = 0;
    int done = 0;
    Instant at{};
    bool counted = false; // the prompt again, one more turn counted (done)
    auto texts() { return std::tie(step_id, text, car_limit); }
};

struct CarClockShown {
    EventText step_id;
    EventText what;
    std::optional<Instant> deadline;
    Instant at{};
    auto texts() { return std::tie(step_id, what); }
};

// After each save of a campaign's progress (between its runs: it may allocate).
struct CampaignProgressed {
    std::string campaign_id;
    CampaignReport report;
    CampaignPace pace;
};

using RunEvent = std::variant<RunBegun, StepBegun, EdgeCommanded, SensedEdge, OperatorDone, Checked,
                              AttemptEnded, PromptShown, CarClockShown, CampaignProgressed>;

} // namespace fobrig
