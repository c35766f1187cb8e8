// How far a campaign has got and how long the rest should take, for the operator at the bench:
// "round 2 of 3, about 4 min left". Pure: the caller measures the time.
#pragma once

#include "rig/campaign/campaign_progress.hpp"
#include "rig/core/time.hpp"

#include <optional>

namespace fobrig {

struct CampaignPace {
    int round = 1;  // the round under way (the last one, once finished)
    int rounds = 0; // planned, the restoring round included
    // Unknown until a round has ended while being watched: then the rounds still to come at
    // the mean pace of those that ended (swaps and prompts included).
    std::optional<Duration> time_left;
};

// `elapsed`: since the campaign was started or resumed here, when `first_round` was under way.
CampaignPace campaign_pace(const CampaignProgress& progress, Duration elapsed, int first_round);

// The round under way: the running run's, else the last finished run's (1 before any).
int round_under_way(const CampaignProgress& progress);

} // namespace fobrig
