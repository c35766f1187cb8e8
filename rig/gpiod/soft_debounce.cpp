// The rig's own debounce: the last raw edge wins once it has lasted the debounce time.
#include "rig/gpiod/soft_debounce.hpp"

namespace fobrig {

void SoftDebounce::edge(bool level, Instant at) {
    pending_level_ = level;
    settles_at_ = at + debounce_;
}

std::optional<Instant> SoftDebounce::settles_at() const {
    return settles_at_;
}

std::optional<std::pair<bool, Instant>> SoftDebounce::settle(Instant now) {
    if (!settles_at_ || now < *settles_at_) {
        return std::nullopt;
    }
    const Instant at = *settles_at_;
    settles_at_.reset();
    if (pending_level_ == reported_) {
        return std::nullopt; // a glitch: the line came back before it settled
    }
    reported_ = pending_level_;
    return std::pair{reported_, at};
}

} // namespace fobrig
