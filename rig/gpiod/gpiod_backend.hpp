// The libgpiod backend: a rig's button lines and sense lines on real /dev/gpiochip devices.
#pragma once

#include "rig/core/backend.hpp"
#include "rig/core/rig_wiring.hpp"
#include "rig/gpiod/line_plan.hpp"

#include <memory>
#include <optional>
#include <string>

namespace fobrig {

class GpiodBackend : public Backend {
public:
    // Readable whenever wait() has input edges to collect: a daemon watches it in its event
    // loop and calls wait() with a past deadline to collect them.
    virtual int event_fd() const = 0;
    // When wait() must be called again although event_fd() is quiet: a debounce done in the
    // rig (libgpiod v1) settling then. None when nothing is settling.
    virtual std::optional<Instant> settling_until() const = 0;
    // The level the kernel reads on an output line now, logical (true = contact closed).
    virtual bool read_output(std::size_t channel) = 0;
    // The level the kernel reads on input `input` now, logical (true = active): edges alone
    // cannot tell the level of a line that has not moved. Throws std::out_of_range for an
    // input the rig does not have.
    virtual bool read_input(std::size_t input) = 0;
    // From another thread while the driving thread may be stalled anywhere, even inside
    // drive(): opens every output now, and every later drive() opens them instead, until
    // rearm() (called with no run going). Lock-free: an atomic flag, then the line change on
    // buffers made at the request; a drive() that raced with it looks again and opens.
    virtual void trip() noexcept = 0;
    virtual void rearm() noexcept = 0;
    // Whether GpiodOptions::wake_fd ends a wait (EventPoller::arm_wake).
    virtual void arm_wake(bool armed) = 0;
};

struct GpiodOptions {
    std::string consumer = "fobrig";
    // When readable, wait() returns early (the operator's console, so that an
    // acknowledgement ends a wait); -1 for none. The backend never reads it.
    int wake_fd = -1;
    // Whether wake_fd ends a wait from the start, or only once arm_wake(true) is called.
    bool wake_armed = true;
};

// Requests every output (inactive) and every sense input of `rig`, all or none: throws
// LineRequestError naming the first line that cannot be had.
std::unique_ptr<GpiodBackend> open_gpiod_backend(const Rig& rig, const GpiodOptions& options = {});

} // namespace fobrig
