// `fobrig wiring-check`'s report as a technician reads it: one line per output channel, one
// per sense input, each starting with what it is and its line (chip:offset).
#pragma once

#include "rig/core/output_check.hpp"
#include "rig/core/rig_wiring.hpp"
#include "rig/core/sense_check.hpp"

#include <string>
#include <vector>

namespace fobrig {

// "gpiochip0:17".
std::string line_text(const LineRef& line);
// One line each, without its newline: "slot 1 lock (gpiochip0:17): ok, read-back closed after
// 6.0 ms (no bounce), opened after 4.0 ms (no bounce)".
std::string output_check_text(const OutputCheck& check, const Rig& rig);
std::string sense_check_text(const SenseCheck& check, const Rig& rig);
// Every line, each ending in a newline.
std::string output_report(const std::vector<OutputCheck>& checks, const Rig& rig);
std::string sense_report(const std::vector<SenseCheck>& checks, const Rig& rig);

} // namespace fobrig
