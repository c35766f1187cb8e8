// The engine's clock in tests: reading it reads the world, sleeping on it runs the world.
#pragma once

#include "rig/core/clock.hpp"
#include "sim/world.hpp"

namespace fobrig::sim {

class VirtualClock final : public Clock {
public:
    explicit VirtualClock(World& world) : world_(world) {}

    Instant now() override { return world_.now(); }
    void sleep_until(Instant deadline) override { world_.run_until(deadline); }

private:
    World& world_;
};

} // namespace fobrig::sim
