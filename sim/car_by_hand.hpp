// A person working the simulated car by hand for `fobrig wiring-check --sim` (and its tests):
// each request moves the car's own signal for its role 2 s after it is asked, for 600 ms (the
// lock motor, the indicators), or turns the ignition on for 1.5 s. Never skips.
#pragma once

#include "rig/core/wiring_console.hpp"
#include "sim/car.hpp"
#include "sim/world.hpp"

namespace fobrig::sim {

class CarByHand final : public WiringConsole {
public:
    CarByHand(World& world, Car& car) : world_(world), car_(car) {}

    void ask(const WiringRequest& request, Instant deadline) override;
    bool skipped() override { return false; }

private:
    World& world_;
    Car& car_;
};

} // namespace fobrig::sim
