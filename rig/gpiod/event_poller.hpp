// One descriptor for every input request of a rig (an epoll set), waited on until a deadline
// on CLOCK_MONOTONIC, so that the daemon watches one fd whatever the number of chips.
#pragma once

#include "rig/core/time.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace fobrig {

// CLOCK_MONOTONIC now: the timeline of the kernel's edge stamps.
Instant monotonic_now();

class EventPoller {
public:
    // `wake_fd` (-1 for none) ends a wait when readable while armed; it is never read.
    EventPoller(int wake_fd, bool armed);
    ~EventPoller();
    EventPoller(const EventPoller&) = delete;
    EventPoller& operator=(const EventPoller&) = delete;

    // Watches `fd` for readability; wait() reports it by `key`.
    void watch(int fd, std::uint64_t key);
    int fd() const { return epoll_fd_; }
    // An input nobody reads (an Enter typed ahead, stdin at its end) stays readable: armed only
    // while someone will read it, it cannot make a waiting thread spin.
    void arm_wake(bool armed) { wake_armed_ = armed; }

    // Sources with something to read, held in place: waiting allocates nothing. A source left
    // out when more are ready than fit stays readable and is reported by the next wait.
    struct Ready {
        std::array<std::uint64_t, 16> ready_keys{};
        std::size_t count = 0;
        bool woken = false; // the wake fd is readable
        std::span<const std::uint64_t> keys() const { return {ready_keys.data(), count}; }
    };
    // Returns when a source or the wake fd is readable, or at `deadline` (at once if past).
    Ready wait(Instant deadline);

private:
    int epoll_fd_;
    int wake_fd_;
    bool wake_armed_;
};

} // namespace fobrig
