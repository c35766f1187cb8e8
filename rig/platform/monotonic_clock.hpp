// The rig's real clock: CLOCK_MONOTONIC, the timeline the kernel stamps GPIO edges on. It sleeps
// in the kernel at absolute instants and spins the last stretch before each one.
#pragma once

#include "rig/core/clock.hpp"
#include "rig/core/sequencer.hpp"

namespace fobrig::platform {

Instant monotonic_now();

// clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME): absolute, so a late wake-up never shifts
// later instants; resumed after a signal.
void sleep_in_kernel_until(Instant deadline);

class MonotonicClock final : public Clock {
public:
    // `spin`: how much of a sleep is spent polling now() instead of in the kernel, so that a
    // thread's wake-up delay is paid before the deadline rather than after it.
    explicit MonotonicClock(Duration spin = SequencerOptions{}.spin_margin) : spin_(spin) {}

    Instant now() override { return monotonic_now(); }
    void sleep_until(Instant deadline) override;

private:
    Duration spin_;
};

} // namespace fobrig::platform
