#include "rig/fleet/job_result.hpp"

namespace fobrig::fleet {

JobResult read_job_result(const nlohmann::json& result) {
    JobResult out{.rig = result.value("rig", std::string()),
                  .campaign = result.value("campaign", std::string()),
                  .report = result.value("report", nlohmann::json::object())};
    out.finished = out.report.value("finished", false);
    // A stopped campaign keeps its fobs where they are: the rig's own batch goes on from there.
    out.text = out.finished
                   ? out.report.value("summary", std::string())
                   : out.report.value("stop_reason", std::string("stopped")) +
                         "; go on with `fobrig batch --resume " + out.campaign + "` on " + out.rig;
    return out;
}

} // namespace fobrig::fleet
