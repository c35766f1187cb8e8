#include "rig/daemon/event_observer.hpp"

#include "rig/campaign/campaign_report.hpp"

namespace fobrig {

void EventObserver::run_started(const RunRecord& header) {
    RunBegun begun{.run_id = header.id,
                   .procedure_id = header.procedure_id,
                   .rig_name = header.rig_name,
                   .t0 = header.t0};
    for (const auto& line : header.lines) {
        begun.lines.push_back(line.name);
    }
    sink_(begun);
}

void EventObserver::campaign_progressed(const CampaignProgress& progress,
                                        const CampaignPace& pace) {
    sink_(CampaignProgressed{progress.plan.request.id, build_report(progress), pace});
}

} // namespace fobrig
