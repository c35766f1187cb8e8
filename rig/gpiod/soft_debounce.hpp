// Debounce in the rig for libgpiod v1, whose kernel API has none: an edge is reported, and
// stamped, once the line has held still for the debounce time, as v2's kernel debounce does.
#pragma once

#include "rig/core/time.hpp"

#include <optional>

namespace fobrig {

class SoftDebounce {
public:
    SoftDebounce(Duration debounce, bool level) : debounce_(debounce), reported_(level) {}

    // A raw edge the kernel stamped `at`; a bounce restarts the wait.
    void edge(bool level, Instant at);
    // When the pending change settles, if one is pending.
    std::optional<Instant> settles_at() const;
    // The settled level and its time, once `now` has reached it and it differs from the
    // last one reported.
    std::optional<std::pair<bool, Instant>> settle(Instant now);

private:
    Duration debounce_;
    bool reported_;
    bool pending_level_ = false;
    std::optional<Instant> settles_at_;
};

} // namespace fobrig
