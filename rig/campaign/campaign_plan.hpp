// A campaign's plan: which fob sits in which slot, the rounds that program (or verify) at most
// the car's key-table size of them in one session each, the hand swaps between rounds, and the
// restoring round that re-programs the kept keys last. Pure: no clock, no rig, no store.
#pragma once

#include "rig/core/procedure.hpp"
#include "rig/core/programming_run.hpp"
#include "rig/core/rig_wiring.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace fobrig {

struct CampaignFob {
    int number = 0;    // as the operator numbers the fobs; a rig slot of that number holds it first
    std::string label; // empty: the number, as text
    bool keep = false; // the car's owner keeps it: re-programmed in the restoring round
    int slot = 0;      // where it is tested: chosen by plan_campaign()
};

struct CampaignRequest {
    std::string id; // a plain name, chosen by the caller
    std::string procedure_id;
    std::string rig_name;
    std::string started_utc;
    std::vector<CampaignFob> fobs;
    bool verify_only = false; // only lock and unlock on fobs already programmed; no restoring
    int verify_retries = 1;   // verify runs again for a fob the car did not fully answer
    int restore_runs = 2;     // the restoring round's programming, tried this often at most
    int rolling_window = 16;  // presses a rolling-code receiver accepts ahead: warn near it
};

// The operator takes `fob_out` (if any) out of `slot` and puts `fob_in` there.
// Fobs are indices into CampaignPlan::fobs.
struct SlotSwap {
    int slot = 0;
    int fob_in = 0;
    std::optional<int> fob_out;
    bool operator==(const SlotSwap&) const = default;
};

enum class RoundKind { test, restore };

struct PlannedRound {
    int number = 0; // from 1
    RoundKind kind = RoundKind::test;
    std::vector<int> fobs;       // indices into CampaignPlan::fobs, in slot order
    std::vector<SlotSwap> swaps; // before the round, as the plan foresees them
};

struct CampaignPlan {
    CampaignRequest request;
    std::vector<CampaignFob> fobs; // the request's, labelled and with their slots
    std::map<int, int> occupants;  // slot -> fob at the start (the fob numbered as the slot)
    std::vector<PlannedRound> rounds;
};

// Why the campaign cannot run (empty when it can): duplicate numbers or labels, no kept key to
// restore, more kept keys than the car keeps or the rig has slots, a car whose key table would
// keep spares after the restoring round (additive, or stacking with fewer kept keys than it
// holds), a procedure that does not fit the rig.
std::vector<std::string> campaign_refusals(const CampaignRequest& request,
                                           const Procedure& procedure, const Rig& rig);

// Throws std::invalid_argument naming every refusal.
CampaignPlan plan_campaign(const CampaignRequest& request, const Procedure& procedure,
                           const Rig& rig);

// The swaps that bring a round's fobs into their slots from `occupants` (slot -> fob).
std::vector<SlotSwap> swaps_for(const PlannedRound& round, const std::vector<CampaignFob>& fobs,
                                const std::map<int, int>& occupants);

// Moves `swap.fob_in` into its slot, out of any other slot it was in.
void apply_swap(std::map<int, int>& occupants, const SlotSwap& swap);

// "Put fob ebay-C in slot 3 (take out fob ebay-A)".
std::string swap_text(const SlotSwap& swap, const std::vector<CampaignFob>& fobs);

// Some of the plan's fobs (indices into `fobs`) as the engine takes them.
std::vector<FobUnderTest> fobs_under_test(const std::vector<int>& which,
                                          const std::vector<CampaignFob>& fobs);

} // namespace fobrig
