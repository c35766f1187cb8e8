// A retriggerable monostable: on at an activating edge, off a hold after the last one.
#include "sim/board_supply.hpp"

namespace fobrig::sim {

BoardSupply::BoardSupply(World& world, const EnableOutput& enable)
    : world_(world), active_low_(enable.active_low), hold_(enable.hold) {}

void BoardSupply::set_line(bool high) {
    const bool active = high != active_low_;
    const bool triggered = active && !active_;
    active_ = active;
    if (!triggered) {
        return; // a level, however long it is held, triggers nothing
    }
    ++triggers_;
    power_.set(true);
    world_.after(hold_, [this, trigger = triggers_] {
        if (trigger == triggers_) {
            power_.set(false);
        }
    });
}

} // namespace fobrig::sim
