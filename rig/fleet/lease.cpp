#include "rig/fleet/lease.hpp"

#include <algorithm>

namespace fobrig::fleet {

namespace {
const std::string nobody;
}

std::string Lease::grant(const std::string& holder, Duration length, Instant now) {
    if (holder.empty()) {
        return "a lease needs a holder";
    }
    if (length <= Duration::zero()) {
        return "a lease needs a positive length";
    }
    if (const std::string& current = this->holder(now); !current.empty() && current != holder) {
        return "held by " + current + " for " + duration_text(until_ - now) + " more";
    }
    holder_ = holder;
    until_ = now + std::min(length, max_lease);
    return {};
}

bool Lease::end(const std::string& holder, Instant now) {
    if (this->holder(now).empty() || holder_ != holder) {
        return false;
    }
    holder_.clear();
    return true;
}

const std::string& Lease::holder(Instant now) const {
    return now < until_ ? holder_ : nobody;
}

Duration Lease::remaining(Instant now) const {
    return holder(now).empty() ? Duration::zero() : until_ - now;
}

std::optional<Instant> Lease::ends(Instant now) const {
    if (holder(now).empty()) {
        return std::nullopt;
    }
    return until_;
}

} // namespace fobrig::fleet
