// A whole simulated bench for one rig: the car, one fob per slot, the radio between them, a
// relay per output, the operator, and the backend the engine drives it all through.
//
//   sim::World world(Instant{});
//   sim::VirtualClock clock(world);
//   sim::SimBench bench(world, clock, rig, sim::make_car("bmw-e46"), {}, {});
//   run(..., clock, bench.backend(), bench.operator_console());
#pragma once

#include "rig/core/clock.hpp"
#include "rig/core/rig_wiring.hpp"
#include "sim/car.hpp"
#include "sim/car_models.hpp"
#include "sim/fob.hpp"
#include "sim/radio.hpp"
#include "sim/sim_backend.hpp"
#include "sim/sim_faults.hpp"
#include "sim/sim_operator.hpp"
#include "sim/world.hpp"

#include <cstdint>
#include <map>
#include <memory>

namespace fobrig::sim {

class SimBench {
public:
    // The world's pending events point into the bench: run the world no more once it is gone.
    // Throws std::invalid_argument for an output whose button a fob does not have.
    SimBench(World& world, Clock& clock, const Rig& rig, const CarMaker& car,
             OperatorProfile person, SimFaults faults, FobProfile fob = {});
    SimBench(const SimBench&) = delete;
    SimBench& operator=(const SimBench&) = delete;

    // Fob ids are fob_id_base + slot.
    static constexpr std::uint32_t fob_id_base = 0xF0B0'0000;

    SimBackend& backend() { return backend_; }
    SimOperator& operator_console() { return operator_; }
    Car& car() { return *car_; }
    // Throws std::out_of_range for a slot the rig does not have.
    Fob& fob(int slot) { return fobs_.at(slot); }

private:
    std::unique_ptr<Car> car_;
    Radio radio_;
    std::map<int, Fob> fobs_;
    SimOperator operator_;
    SimBackend backend_;
};

} // namespace fobrig::sim
