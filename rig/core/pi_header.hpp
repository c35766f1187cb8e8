// The Raspberry Pi's 40-pin header: which physical pin carries which BCM GPIO line of the
// header's chip. The same on every Pi with a 40-pin header (Pi 1 B+ to Pi 5), whose header chip
// is found by its label.
#pragma once

#include "rig/core/rig_wiring.hpp"

#include <optional>

namespace fobrig {

// The header pin (1-40) of `line` when its chip is named by a Pi header chip's label
// (pinctrl-bcm2835, pinctrl-bcm2711, pinctrl-rp1) and the line is on the header; else none.
std::optional<int> pi_header_pin(const LineRef& line);

} // namespace fobrig
