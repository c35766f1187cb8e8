// The simulator as a whole rig: a car, its fobs and relays and an operator, on one clock
// (real time for the demo, virtual time for tests), assembled from a rig file.
#pragma once

#include "sim/car_models.hpp"
#include "sim/sim_bench.hpp"

#include <memory>

namespace fobrig::sim {

class SimulatedRig {
public:
    SimulatedRig(const Rig& rig, bool virtual_time, SimFaults faults = {},
                 OperatorProfile person = {}, const CarMaker& car = make_car());
    SimulatedRig(const SimulatedRig&) = delete;
    SimulatedRig& operator=(const SimulatedRig&) = delete;

    Clock& clock() { return *clock_; }
    Backend& backend() { return bench_.backend(); }
    OperatorConsole& operator_console() { return bench_.operator_console(); }
    SimBench& bench() { return bench_; }
    World& world() { return world_; }
    // What the car noted since the last call: why it learnt no key, say (see Car::notes()).
    std::vector<std::string> take_car_notes();

private:
    std::size_t notes_taken_ = 0;
    World world_;
    std::unique_ptr<Clock> clock_;
    SimBench bench_;
};

} // namespace fobrig::sim
