#include "rig/core/enable_wave.hpp"

namespace fobrig {

EnableWave::EnableWave(Backend& backend, const Rig& rig)
    : backend_(backend), enable_(rig.enable), channel_(rig.enable_channel()) {}

void EnableWave::start(Instant at) {
    if (!enable_) {
        return;
    }
    running_ = true;
    active_ = false;
    next_ = at;
    last_rise_.reset();
}

void EnableWave::stop() noexcept {
    if (!running_) {
        return;
    }
    running_ = false;
    if (active_) {
        active_ = false;
        const OutputLevel level{.channel = channel_, .active = false};
        try {
            backend_.drive({&level, 1});
        } catch (...) {
            backend_.open_all(); // the line is left inactive whatever the drive did
        }
    }
}

std::optional<Instant> EnableWave::next() const {
    return running_ ? std::optional(next_) : std::nullopt;
}

bool EnableWave::lost(Instant now) const {
    return running_ && last_rise_ && now >= *last_rise_ + enable_->hold;
}

Duration EnableWave::missed_by(Instant now) const {
    return last_rise_ ? now - (*last_rise_ + enable_->period) : Duration{};
}

bool EnableWave::serve(Instant now) {
    if (!running_ || now < next_) {
        return true;
    }
    if (lost(now)) {
        return false;
    }
    active_ = !active_;
    if (active_) {
        last_rise_ = now;
    }
    const OutputLevel level{.channel = channel_, .active = active_};
    backend_.drive({&level, 1});
    // From the wave's own instants, so that a late toggle does not shift the later ones; after
    // a stall shorter than the hold the wave picks up its grid again.
    const Duration half = enable_->period / 2;
    while (next_ <= now) {
        next_ += half;
    }
    return true;
}

} // namespace fobrig
