// The relay board's supply behind the hardware interlock (docs/wiring.md): a retriggerable
// monostable (a 74HCT123) whose output switches the board's coil supply on at each activating
// edge of the enable wave and off `hold` after the last one. A wave that stops, whatever level
// the line is left at, leaves every relay without power.
#pragma once

#include "rig/core/rig_wiring.hpp"
#include "sim/wire.hpp"
#include "sim/world.hpp"

#include <cstdint>

namespace fobrig::sim {

class BoardSupply {
public:
    BoardSupply(World& world, const EnableOutput& enable);
    BoardSupply(const BoardSupply&) = delete;
    BoardSupply& operator=(const BoardSupply&) = delete;

    // The physical level of the enable line.
    void set_line(bool high);
    // High while the board's relays have power.
    Wire& power() { return power_; }
    bool powered() const { return power_.level(); }

private:
    World& world_;
    bool active_low_;
    Duration hold_;
    bool active_ = false;
    std::uint64_t triggers_ = 0; // counts activating edges, so that each restarts the hold
    Wire power_;
};

} // namespace fobrig::sim
