// What a run's thread publishes for the daemon's control thread, without a lock: a heartbeat,
// and until when each closed contact may stay closed. The control thread feeds systemd's
// watchdog only while the beat goes on, and opens every output itself when a contact outlives
// its maximum hold because the run's thread, whose own guard would have opened it, is stalled.
#pragma once

#include "rig/core/time.hpp"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace fobrig {

class RunPulse {
public:
    // Everything is allocated here, before the run: publishing never allocates.
    explicit RunPulse(std::size_t channels) : open_by_(channels) {}

    // The run's thread.
    void beat() noexcept { beats_.fetch_add(1, std::memory_order_relaxed); }
    void closed(std::size_t channel, Instant open_by) noexcept {
        open_by_[channel].store(open_by.time_since_epoch().count(), std::memory_order_release);
    }
    void opened(std::size_t channel) noexcept {
        open_by_[channel].store(open, std::memory_order_release);
    }

    // Any thread.
    std::uint64_t beats() const noexcept { return beats_.load(std::memory_order_relaxed); }
    // The earliest instant by which a closed contact must open; none while every one is open.
    std::optional<Instant> open_by() const noexcept;
    // A contact still closed `grace` after it had to open (the run's thread has not come back
    // to open it), or none.
    std::optional<std::size_t> overdue(Instant now, Duration grace) const noexcept;

private:
    static constexpr Duration::rep open = 0;
    std::atomic<std::uint64_t> beats_{0};
    std::vector<std::atomic<Duration::rep>> open_by_;
};

} // namespace fobrig
