// A rig's result of a fleet job as the fleet's client reads it: done, or stopped between
// sessions (its lease ended, or it was aborted), with the way to go on from there.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace fobrig::fleet {

struct JobResult {
    std::string rig;
    std::string campaign;
    nlohmann::json report; // the campaign's report, as `fobrig batch` writes it
    bool finished = false;
    // The report's summary when done; when stopped, why, and how to go on.
    std::string text;
};

JobResult read_job_result(const nlohmann::json& result);

} // namespace fobrig::fleet
