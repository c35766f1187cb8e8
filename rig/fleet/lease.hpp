// A rig's lease to a fleet client: the rig grants it, counts it on its own monotonic clock and
// ends it by itself when it is not renewed, so that a lost client, a lost broker or a rig
// stopped and continued past the end leaves the rig idle, never working for a holder that gave
// up on it. Pure: the caller gives the time.
#pragma once

#include "rig/core/time.hpp"

#include <optional>
#include <string>

namespace fobrig::fleet {

// The longest lease a rig grants at once: a client renews well before the end.
inline constexpr Duration max_lease = std::chrono::minutes(10);

class Lease {
public:
    // Grants or renews the lease to `holder` for `length` (up to max_lease) from `now`. Empty
    // when granted; else why not ("held by shop-pc for 41 s more").
    std::string grant(const std::string& holder, Duration length, Instant now);
    // Ends `holder`'s lease; false when `holder` holds none at `now`.
    bool end(const std::string& holder, Instant now);
    // Who holds the rig at `now`: empty when nobody (a lease past its end holds nothing).
    const std::string& holder(Instant now) const;
    // How long the lease has still to run at `now` (zero when none).
    Duration remaining(Instant now) const;
    // When the current lease ends, if one is held at `now`.
    std::optional<Instant> ends(Instant now) const;

private:
    std::string holder_;
    Instant until_{};
};

} // namespace fobrig::fleet
