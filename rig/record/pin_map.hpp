// A rig's pin map as an installer wires it: one row per header pin used (each GPIO line, and
// the power and ground the parts need), its role, the part on it and where that part goes.
// Written from the rig file itself, so that docs/pi-rigs.md and the diagrams cannot disagree
// with it.
#pragma once

#include "rig/core/rig_wiring.hpp"

#include <optional>
#include <string>
#include <vector>

namespace fobrig {

struct PinRow {
    std::optional<int> header_pin; // on a Raspberry Pi's 40-pin header
    std::string signal;            // "GPIO4", "5 V", "3.3 V", "GND"
    std::string role;              // "slot 1 lock", "lock sense", "power"
    std::string part;              // what the pin is wired to
    std::string goes_to;           // where that part's other side goes
};

std::vector<PinRow> pin_rows(const Rig& rig);

// The rows as a Markdown table.
std::string pin_map_markdown(const Rig& rig);

} // namespace fobrig
