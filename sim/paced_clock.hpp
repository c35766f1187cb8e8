// The engine's clock for a demo: real CLOCK_MONOTONIC time, the world's events played as it
// reaches them. Build the World at monotonic_now(), since world time is monotonic time.
#pragma once

#include "rig/core/clock.hpp"
#include "sim/world.hpp"

namespace fobrig::sim {

class PacedClock final : public Clock {
public:
    explicit PacedClock(World& world) : world_(world) {}

    static Instant monotonic_now();

    Instant now() override { return monotonic_now(); }
    // Sleeps to each world event due by `deadline`, runs it, and so on, then to `deadline`.
    void sleep_until(Instant deadline) override;

private:
    World& world_;
};

} // namespace fobrig::sim
