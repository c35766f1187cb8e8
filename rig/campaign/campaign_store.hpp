// Where a campaign's progress is kept between runs, so that it survives a crash: the run
// history's SQLite file in the daemon (rig/history/campaign_history.hpp), memory in tests.
#pragma once

#include "rig/campaign/campaign_progress.hpp"

#include <optional>
#include <string>

namespace fobrig {

class CampaignStore {
public:
    virtual ~CampaignStore() = default;
    // Replaces what is kept for progress.plan.request.id, durably, in one step.
    virtual void save(const CampaignProgress& progress) = 0;
    virtual std::optional<CampaignProgress> load(const std::string& campaign_id) = 0;
    // The newest campaign not finished, if any.
    virtual std::optional<CampaignProgress> latest_unfinished() = 0;
};

} // namespace fobrig
