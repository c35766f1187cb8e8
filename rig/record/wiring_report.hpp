// `fobrig wiring-check`'s report as a technician reads it: one line per output channel, one
// per sense input, each starting with what it is and its line (chip:offset).
#pragma once

#include "rig/core/output_check.hpp"
#include "rig/core/rig_wiring.hpp"
#include "rig/core/sense_check.hpp"

#include <string>
#include <vector>

namespace fobrig {

std::string output_report(const std::vector<OutputCheck>& checks, const Rig& rig);
std::string sense_report(const std::vector<SenseCheck>& checks, const Rig& rig);

} // namespace fobrig
