// What the daemon drives: the rig file's backend on its clock (libgpiod on real lines, or the
// simulated car), and, on the simulator only, the simulated operator's hands.
#pragma once

#include "rig/core/backend.hpp"
#include "rig/core/clock.hpp"
#include "rig/core/operator_console.hpp"
#include "rig/core/rig_wiring.hpp"
#include "rig/core/run_record.hpp"
#include "sim/fault_options.hpp"

#include <memory>

namespace fobrig {

class RigHardware {
public:
    virtual ~RigHardware() = default;
    virtual Clock& clock() = 0;
    virtual Backend& backend() = 0;
    // Who does the manual steps besides the clients: the simulated operator, or nobody.
    virtual OperatorConsole* hands() = 0;
    // What the lines drive, for every run's record and for status.
    virtual TargetRecord target() const = 0;
    // What the simulated car noted since the last call (none on real lines): the daemon adds
    // it to each run's record with add_car_notes().
    virtual std::vector<std::string> take_car_notes() { return {}; }
    // The control thread's way to open every output while the run's thread is stalled (see
    // GpiodBackend::trip()); rearm() before the next run.
    virtual void trip() noexcept = 0;
    virtual void rearm() noexcept = 0;
};

// Opens the rig's lines (all or none; a line that cannot be had throws, naming it, before
// anything is driven). `virtual_time` and `sim` apply to the simulator only: given for a
// real rig they are refused (std::invalid_argument), since nothing there could honour them.
std::unique_ptr<RigHardware> open_hardware(const Rig& rig, bool virtual_time,
                                           const sim::SimSetup& sim);

} // namespace fobrig
