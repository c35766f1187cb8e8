// `fobrig wiring-check`: closes each output briefly and reports what the kernel read back and
// which sense inputs answered, so that a miswired or stuck line shows before a real run.
#pragma once

#include "rig/core/clock.hpp"
#include "rig/core/rig_wiring.hpp"
#include "rig/gpiod/gpiod_backend.hpp"

#include <string>
#include <vector>

namespace fobrig {

struct WiringCheck {
    std::size_t channel = 0;
    bool read_closed = false;       // read back while driven: true is right
    bool read_open_after = false;   // read back after release: false is right
    std::vector<InputEdge> answers; // sense edges during the pulse and the settle time after it
    bool ok() const { return read_closed && !read_open_after; }
};

// Drives each output of `rig` active for `pulse`, then releases it and waits `settle` before
// the next; every output is released however this ends.
std::vector<WiringCheck> check_wiring(GpiodBackend& backend, Clock& clock, const Rig& rig,
                                      Duration pulse, Duration settle);

// One line per output, as a technician reads it.
std::string wiring_report(const std::vector<WiringCheck>& checks, const Rig& rig);

} // namespace fobrig
