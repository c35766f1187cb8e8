#include "rig/campaign/campaign_pace.hpp"

namespace fobrig {

int round_under_way(const CampaignProgress& progress) {
    if (progress.running) {
        return progress.running->round;
    }
    return progress.runs.empty() ? 1 : progress.runs.back().round;
}

CampaignPace campaign_pace(const CampaignProgress& progress, Duration elapsed, int first_round) {
    CampaignPace pace{.round = round_under_way(progress),
                      .rounds = static_cast<int>(progress.plan.rounds.size())};
    if (progress.finished) {
        pace.time_left = Duration{};
        return pace;
    }
    const int ended_here = pace.round - first_round;
    if (ended_here > 0) {
        pace.time_left = elapsed * (pace.rounds - pace.round + 1) / ended_here;
    }
    return pace;
}

} // namespace fobrig
