#include "rig/core/run_pulse.hpp"

namespace fobrig {

std::optional<Instant> RunPulse::open_by() const noexcept {
    std::optional<Instant> earliest;
    for (const auto& channel : open_by_) {
        const Duration::rep at = channel.load(std::memory_order_acquire);
        if (at != open && (!earliest || Instant{Duration{at}} < *earliest)) {
            earliest = Instant{Duration{at}};
        }
    }
    return earliest;
}

std::optional<std::size_t> RunPulse::overdue(Instant now, Duration grace) const noexcept {
    for (std::size_t channel = 0; channel < open_by_.size(); ++channel) {
        const Duration::rep at = open_by_[channel].load(std::memory_order_acquire);
        if (at != open && now >= Instant{Duration{at}} + grace) {
            return channel;
        }
    }
    return std::nullopt;
}

} // namespace fobrig
