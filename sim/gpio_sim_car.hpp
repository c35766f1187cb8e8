// The simulated car and its fobs on the far side of gpio-sim lines: each rig output line moves
// the coil of a relay across a fob's button, and the car's lock, unlock and ignition signals
// (and each relay's contact, where the rig has a read-back line) set the pulls of the rig's
// input lines. The rig under test drives those lines through libgpiod exactly as on a Pi.
#pragma once

#include "sim/fault_options.hpp"
#include "sim/gpio_sim_lines.hpp"
#include "sim/sim_bench.hpp"

#include <vector>

namespace fobrig::sim {

class GpioSimCar {
public:
    // Sets every input line and every unrequested output line to its inactive level first, as
    // the pull resistors of a correctly wired board do. Throws std::runtime_error naming the
    // rig's line that gpio-sim does not have.
    GpioSimCar(World& world, Clock& clock, const Rig& rig, const SimSetup& setup,
               const std::vector<GpioSimBank>& banks);
    GpioSimCar(const GpioSimCar&) = delete;
    GpioSimCar& operator=(const GpioSimCar&) = delete;

    // Reads every output line; a line that changed since the last poll moves its relay now.
    void poll();
    SimOperator& hands() { return bench_.operator_console(); }
    Car& car() { return bench_.car(); }

private:
    struct Output {
        GpioSimLine line;
        bool active_low = false;
        bool active = false;
    };

    SimBench bench_;
    std::vector<Output> outputs_;
    std::vector<GpioSimLine> inputs_; // senses, then read-backs: listeners point into it
};

} // namespace fobrig::sim
