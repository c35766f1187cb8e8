// The safe state: every output of a rig requested at its inactive level, driven there, and
// given back. Run after fobrigd stops however it stopped (the unit's ExecStopPost=) and by
// fobrigd at start, because a Raspberry Pi kernel may keep a dead process's outputs driven.
#pragma once

#include "rig/core/rig_wiring.hpp"

#include <cstddef>

namespace fobrig {

// Returns how many output lines (the enable line among them) were driven inactive. Throws
// LineRequestError naming a line that cannot be had (another process holds it).
std::size_t drive_safe_state(const Rig& rig);

} // namespace fobrig
