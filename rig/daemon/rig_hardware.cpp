#include "rig/daemon/rig_hardware.hpp"

#include "rig/gpiod/gpiod_backend.hpp"
#include "rig/platform/monotonic_clock.hpp"
#include "sim/simulated_rig.hpp"

#include <stdexcept>

namespace fobrig {

namespace {

class SimulatedHardware final : public RigHardware {
public:
    SimulatedHardware(const Rig& rig, bool virtual_time, const sim::SimSetup& setup)
        : rig_(rig, virtual_time, setup.faults, setup.person,
               sim::make_car(setup.car, setup.quirks)),
          target_(sim::simulated_target(setup)) {}
    Clock& clock() override { return rig_.clock(); }
    Backend& backend() override { return rig_.backend(); }
    OperatorConsole* hands() override { return &rig_.operator_console(); }
    TargetRecord target() const override { return target_; }
    std::vector<std::string> take_car_notes() override { return rig_.take_car_notes(); }
    void trip() noexcept override { rig_.bench().backend().trip(); }
    void rearm() noexcept override { rig_.bench().backend().rearm(); }

private:
    sim::SimulatedRig rig_;
    TargetRecord target_;
};

class GpiodHardware final : public RigHardware {
public:
    explicit GpiodHardware(const Rig& rig) : lines_(open_gpiod_backend(rig)) {}
    Clock& clock() override { return clock_; }
    Backend& backend() override { return *lines_; }
    OperatorConsole* hands() override { return nullptr; }
    TargetRecord target() const override { return {.simulated = false}; }
    void trip() noexcept override { lines_->trip(); }
    void rearm() noexcept override { lines_->rearm(); }

private:
    platform::MonotonicClock clock_;
    std::unique_ptr<GpiodBackend> lines_;
};

} // namespace

std::unique_ptr<RigHardware> open_hardware(const Rig& rig, bool virtual_time,
                                           const sim::SimSetup& sim) {
    if (rig.backend == "gpiod") {
        if (!sim.given.empty() || virtual_time || sim.car_given) {
            throw std::invalid_argument(
                "rig " + rig.name + " drives real lines (backend gpiod): " +
                (virtual_time    ? std::string("--virtual-time")
                 : sim.car_given ? "--sim-car " + sim.car
                                 : "--sim-fault " + sim.given[0]) +
                " applies to the simulated car only (a rig with backend \"sim\")");
        }
        return std::make_unique<GpiodHardware>(rig);
    }
    if (rig.backend == "sim") {
        return std::make_unique<SimulatedHardware>(rig, virtual_time, sim);
    }
    throw std::invalid_argument("backend '" + rig.backend + "' is neither gpiod nor sim");
}

} // namespace fobrig
