// Absolute sleeps on CLOCK_MONOTONIC between the world's events.
#include "sim/paced_clock.hpp"

#include <cerrno>
#include <system_error>
#include <time.h>

namespace fobrig::sim {
namespace {

void sleep_to(Instant t) {
    // A time already past needs no sleep, and may be before the epoch, which the kernel refuses.
    if (t <= PacedClock::monotonic_now()) {
        return;
    }
    const auto since_epoch = t.time_since_epoch();
    const auto whole = std::chrono::duration_cast<seconds>(since_epoch);
    const timespec ts{.tv_sec = static_cast<time_t>(whole.count()),
                      .tv_nsec = static_cast<long>((since_epoch - whole).count())};
    int rc = 0;
    while ((rc = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr)) == EINTR) {
    }
    if (rc != 0) {
        throw std::system_error(rc, std::generic_category(), "clock_nanosleep on CLOCK_MONOTONIC");
    }
}

} // namespace

Instant PacedClock::monotonic_now() {
    timespec ts{};
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
        throw std::system_error(errno, std::generic_category(), "clock_gettime CLOCK_MONOTONIC");
    }
    return Instant{seconds(ts.tv_sec) + Duration(ts.tv_nsec)};
}

void PacedClock::sleep_until(Instant deadline) {
    for (;;) {
        const auto next = world_.next_event();
        const Instant target = next && *next < deadline ? *next : deadline;
        sleep_to(target);
        world_.run_until(target);
        if (target == deadline) {
            return;
        }
    }
}

} // namespace fobrig::sim
