// One batch campaign spread across rigs: each rig leased, each given a job (the fobs in its
// slots, tested as `fobrig batch` tests them), its lease renewed while it works, its result
// taken, acknowledged and merged into one report. A rig found absent before its job started
// gives the job to the next free rig (a person moves the fobs); a rig lost while its job ran
// leaves that job indeterminate for a person, never retried elsewhere: a half-done
// programming session may have erased the car's key table.
#pragma once

#include "rig/fleet/fleet_client.hpp"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace fobrig::fleet {

struct FleetBatchPlan {
    std::string batch_id;
    std::string holder;
    std::vector<std::string> rigs; // one job each, in this order
    // What each rig's campaign does (the batch request's fields: procedure, keep, spares,
    // labels, verify_only).
    nlohmann::json campaign;
    std::chrono::seconds lease{120};
    Duration limit = std::chrono::hours(2); // the longest the whole batch may take
};

// waiting: not started yet; started: a rig took it; done: its result came; stopped: its
// campaign stopped between sessions (its rig keeps it, resumable); indeterminate: its rig was
// lost while it ran; not-run: no rig could take it.
struct FleetJob {
    std::string id;
    std::string first_rig; // where its fobs were put
    std::string rig;       // where it ran, or runs
    std::string state = "waiting";
    std::string campaign;
    std::string note;
    nlohmann::json report = nlohmann::json::object(); // the rig's campaign report, when done
};

struct FleetBatchOutcome {
    std::vector<FleetJob> jobs;
    bool all_done() const;
    // One report: every job, and every fob with its rig.
    nlohmann::json report(const FleetBatchPlan& plan) const;
};

// Runs the batch through `client`, telling a person what happens through `say`.
FleetBatchOutcome run_fleet_batch(FleetClient& client, const FleetBatchPlan& plan,
                                  const std::function<void(const std::string&)>& say);

} // namespace fobrig::fleet
