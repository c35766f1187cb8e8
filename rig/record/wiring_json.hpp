// `fobrig wiring-check --json` and `fobrig calibrate --json`: each one JSON document, the
// figures in milliseconds and each check's line of the terminal report beside them.
#pragma once

#include "rig/core/calibration.hpp"
#include "rig/core/output_check.hpp"
#include "rig/core/rig_wiring.hpp"
#include "rig/core/sense_check.hpp"

#include <nlohmann/json.hpp>

#include <vector>

namespace fobrig {

// `simulated`: rehearsed against the simulated car and relays, no line driven.
nlohmann::json wiring_check_json(const Rig& rig, const std::vector<OutputCheck>& outputs,
                                 const std::vector<SenseCheck>& senses, bool simulated);
nlohmann::json calibration_json(const Rig& rig, const std::vector<ChannelCalibration>& channels,
                                bool simulated);

} // namespace fobrig
