// CLOCK_MONOTONIC reads, absolute kernel sleeps and the final spin.
#include "rig/platform/monotonic_clock.hpp"

#include <cerrno>
#include <ctime>

namespace fobrig::platform {

namespace {

// Tells the core it is spinning: frees the sibling hyperthread and saves power.
inline void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__) || defined(__arm__)
    asm volatile("yield");
#endif
}

} // namespace

Instant monotonic_now() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return Instant{seconds(ts.tv_sec) + Duration(ts.tv_nsec)};
}

void sleep_in_kernel_until(Instant deadline) {
    const auto ns = deadline.time_since_epoch().count();
    const timespec ts{.tv_sec = static_cast<time_t>(ns / 1'000'000'000),
                      .tv_nsec = static_cast<long>(ns % 1'000'000'000)};
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr) == EINTR) {
    }
}

void MonotonicClock::sleep_until(Instant deadline) {
    if (deadline - now() > spin_) {
        sleep_in_kernel_until(deadline - spin_);
    }
    while (now() < deadline) {
        cpu_relax();
    }
}

} // namespace fobrig::platform
