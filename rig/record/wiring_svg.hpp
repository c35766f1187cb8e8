// A rig's wiring diagram as SVG: one row per pin of its pin map (rig/record/pin_map.hpp), the
// header pin on the left, the part it drives or reads, and where that part's other side goes.
#pragma once

#include "rig/core/rig_wiring.hpp"

#include <string>

namespace fobrig {

std::string wiring_svg(const Rig& rig);

} // namespace fobrig
