// Planning a campaign: kept keys stay in their slots; spares fill rounds of at most the car's
// key-table size, in the slots they sit in first, then in slots whose fob is done.
#include "rig/campaign/campaign_plan.hpp"

#include "rig/core/applicability.hpp"
#include "rig/core/procedure_check.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace fobrig {
namespace {

bool has_slot(const Rig& rig, int slot) {
    return std::ranges::find(rig.slots, slot) != rig.slots.end();
}

std::vector<int> kept(const std::vector<CampaignFob>& fobs, bool wanted) {
    std::vector<int> indices;
    for (std::size_t i = 0; i < fobs.size(); ++i) {
        if (fobs[i].keep == wanted) {
            indices.push_back(static_cast<int>(i));
        }
    }
    return indices;
}

std::vector<CampaignFob> labelled(std::vector<CampaignFob> fobs) {
    for (auto& fob : fobs) {
        if (fob.label.empty()) {
            fob.label = std::to_string(fob.number);
        }
    }
    return fobs;
}

// Kept keys sit in the slot of their number, else in the first slot no kept key takes,
// preferring one where no fob sits at the start. Returns the slots they take.
std::set<int> place_kept_keys(CampaignPlan& plan, const Rig& rig) {
    std::set<int> taken;
    const std::vector<int> keepers = kept(plan.fobs, true);
    for (const int k : keepers) {
        if (has_slot(rig, plan.fobs[k].number)) {
            plan.fobs[k].slot = plan.fobs[k].number;
            taken.insert(plan.fobs[k].slot);
        }
    }
    for (const int k : keepers) {
        if (plan.fobs[k].slot != 0) {
            continue;
        }
        std::vector<int> free;
        std::ranges::copy_if(rig.slots, std::back_inserter(free),
                             [&](int slot) { return !taken.contains(slot); });
        const auto empty =
            std::ranges::find_if(free, [&](int slot) { return !plan.occupants.contains(slot); });
        plan.fobs[k].slot = empty != free.end() ? *empty : free.front();
        taken.insert(plan.fobs[k].slot);
    }
    return taken;
}

// Spares sitting in their own spare slot first, by slot; then the others, as given.
std::vector<int> spares_in_order(const CampaignPlan& plan, const std::vector<int>& spare_slots) {
    std::vector<int> order;
    for (const int slot : spare_slots) {
        const auto sitting = plan.occupants.find(slot);
        if (sitting != plan.occupants.end() && !plan.fobs[sitting->second].keep) {
            order.push_back(sitting->second);
        }
    }
    for (const int s : kept(plan.fobs, false)) {
        if (std::ranges::find(order, s) == order.end()) {
            order.push_back(s);
        }
    }
    return order;
}

void plan_rounds(CampaignPlan& plan, const std::vector<int>& spare_slots, std::size_t capacity) {
    const std::vector<int> order = spares_in_order(plan, spare_slots);
    std::map<int, int> occupants = plan.occupants;
    std::set<int> done;
    const auto add_round = [&](RoundKind kind, std::vector<int> fobs) {
        std::ranges::sort(fobs, {}, [&](int f) { return plan.fobs[f].slot; });
        PlannedRound round{.number = static_cast<int>(plan.rounds.size()) + 1,
                           .kind = kind,
                           .fobs = std::move(fobs)};
        round.swaps = swaps_for(round, plan.fobs, occupants);
        for (const auto& swap : round.swaps) {
            apply_swap(occupants, swap);
        }
        done.insert(round.fobs.begin(), round.fobs.end());
        plan.rounds.push_back(std::move(round));
    };
    // Verifying needs no key table: the kept keys are checked with the first spares.
    std::vector<int> first = plan.request.verify_only ? kept(plan.fobs, true) : std::vector<int>{};
    for (std::size_t next = 0; next < order.size();) {
        std::vector<int> fobs = first;
        std::set<int> chosen_slots;
        for (; next < order.size() && fobs.size() - first.size() < capacity; ++next) {
            CampaignFob& spare = plan.fobs[order[next]];
            const auto sitting = std::ranges::find_if(spare_slots, [&](int slot) {
                return occupants.contains(slot) && occupants.at(slot) == order[next];
            });
            const auto free = std::ranges::find_if(spare_slots, [&](int slot) {
                return !chosen_slots.contains(slot) &&
                       (!occupants.contains(slot) || done.contains(occupants.at(slot)));
            });
            spare.slot = sitting != spare_slots.end() ? *sitting : *free;
            chosen_slots.insert(spare.slot);
            fobs.push_back(order[next]);
        }
        add_round(RoundKind::test, std::move(fobs));
        first.clear();
    }
    if (!first.empty()) {
        add_round(RoundKind::test, std::move(first));
    }
    if (!plan.request.verify_only) {
        add_round(RoundKind::restore, kept(plan.fobs, true));
    }
}

} // namespace

std::vector<std::string> campaign_refusals(const CampaignRequest& request,
                                           const Procedure& procedure, const Rig& rig) {
    std::vector<std::string> refusals;
    const std::vector<CampaignFob> fobs = labelled(request.fobs);
    if (fobs.empty()) {
        refusals.emplace_back("no fobs were given");
    }
    std::set<int> numbers;
    std::set<std::string> labels;
    for (const auto& fob : fobs) {
        if (!numbers.insert(fob.number).second) {
            refusals.push_back("fob " + std::to_string(fob.number) + " is given twice");
        }
        if (!labels.insert(fob.label).second) {
            refusals.push_back("the label " + fob.label + " is given to two fobs");
        }
    }
    const std::size_t keepers = kept(fobs, true).size();
    const std::size_t spares = fobs.size() - keepers;
    const int max_keys = procedure.applies_to.max_keys;
    if (!request.verify_only && keepers == 0) {
        refusals.emplace_back("name the keys the car keeps: a programming session erases every "
                              "key not programmed in it, so the campaign ends by re-programming "
                              "them");
    }
    if (!request.verify_only && max_keys > 0 && keepers > static_cast<std::size_t>(max_keys)) {
        refusals.push_back(key_table_text(procedure.applies_to) + ": keep at most " +
                           std::to_string(max_keys));
    }
    // The restoring round must leave the car holding the kept keys alone.
    const KeyTablePolicy policy = procedure.applies_to.key_table;
    if (!request.verify_only && policy == KeyTablePolicy::additive) {
        refusals.push_back(key_table_text(procedure.applies_to) +
                           ": a spare programmed by a campaign would stay in it; only "
                           "--verify-only campaigns run on this car");
    }
    if (!request.verify_only && policy == KeyTablePolicy::stacking && keepers > 0 &&
        keepers < static_cast<std::size_t>(max_keys)) {
        refusals.push_back(key_table_text(procedure.applies_to) + ": restoring " +
                           std::to_string(keepers) +
                           " kept keys would leave the newest spares in it; keep " +
                           std::to_string(max_keys) + " keys, or run --verify-only");
    }
    if (keepers > rig.slots.size() || (spares > 0 && keepers >= rig.slots.size())) {
        refusals.push_back("the rig has " + std::to_string(rig.slots.size()) +
                           " slots: the kept keys stay in theirs, and the spares need at least "
                           "one more");
    }
    if (request.verify_retries < 0 || request.restore_runs < 1) {
        refusals.emplace_back("verify_retries must be 0 or more and restore_runs 1 or more");
    }
    for (const auto& problem : check_procedure_against_rig(procedure, rig, rig.slots)) {
        refusals.push_back(problem.message);
    }
    return refusals;
}

CampaignPlan plan_campaign(const CampaignRequest& request, const Procedure& procedure,
                           const Rig& rig) {
    if (const auto refusals = campaign_refusals(request, procedure, rig); !refusals.empty()) {
        std::string text;
        for (const auto& refusal : refusals) {
            text += (text.empty() ? "" : "; ") + refusal;
        }
        throw std::invalid_argument(text);
    }
    CampaignPlan plan{.request = request, .fobs = labelled(request.fobs)};
    for (std::size_t i = 0; i < plan.fobs.size(); ++i) {
        if (has_slot(rig, plan.fobs[i].number)) {
            plan.occupants[plan.fobs[i].number] = static_cast<int>(i);
        }
    }
    const std::set<int> kept_slots = place_kept_keys(plan, rig);
    std::vector<int> spare_slots;
    std::ranges::copy_if(rig.slots, std::back_inserter(spare_slots),
                         [&](int slot) { return !kept_slots.contains(slot); });
    std::ranges::sort(spare_slots);
    const int max_keys = procedure.applies_to.max_keys;
    const std::size_t capacity =
        request.verify_only || max_keys <= 0
            ? spare_slots.size()
            : std::min(spare_slots.size(), static_cast<std::size_t>(max_keys));
    plan_rounds(plan, spare_slots, capacity);
    return plan;
}

std::vector<SlotSwap> swaps_for(const PlannedRound& round, const std::vector<CampaignFob>& fobs,
                                const std::map<int, int>& occupants) {
    std::vector<SlotSwap> swaps;
    for (const int f : round.fobs) {
        const int slot = fobs[f].slot;
        const auto sitting = occupants.find(slot);
        if (sitting == occupants.end()) {
            swaps.push_back({.slot = slot, .fob_in = f});
        } else if (sitting->second != f) {
            swaps.push_back({.slot = slot, .fob_in = f, .fob_out = sitting->second});
        }
    }
    return swaps;
}

void apply_swap(std::map<int, int>& occupants, const SlotSwap& swap) {
    std::erase_if(occupants, [&](const auto& entry) { return entry.second == swap.fob_in; });
    occupants[swap.slot] = swap.fob_in;
}

std::string swap_text(const SlotSwap& swap, const std::vector<CampaignFob>& fobs) {
    std::string text =
        "Put fob " + fobs[swap.fob_in].label + " in slot " + std::to_string(swap.slot);
    if (swap.fob_out) {
        text += " (take out fob " + fobs[*swap.fob_out].label + ")";
    }
    return text;
}

std::vector<FobUnderTest> fobs_under_test(const std::vector<int>& which,
                                          const std::vector<CampaignFob>& fobs) {
    std::vector<FobUnderTest> under_test;
    for (const int f : which) {
        under_test.push_back({fobs[f].slot, fobs[f].label});
    }
    return under_test;
}

} // namespace fobrig
