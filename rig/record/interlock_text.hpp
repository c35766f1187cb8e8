// How the hardware interlock is named wherever a person reads it: the timing table, the HTML
// report and `status`.
#pragma once

#include "rig/core/run_record.hpp"

#include <string>

namespace fobrig {

// "the enable wave on pinctrl-bcm2711:23 (10.000 ms period, board held 25.000 ms)"
std::string interlock_text(const InterlockRecord& interlock);

} // namespace fobrig
