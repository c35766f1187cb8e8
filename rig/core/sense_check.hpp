// The sense half of `fobrig wiring-check`: each sense input's level, then the operator asked to
// lock the car by hand, unlock it, turn the ignition to position 1 and back, and flash the
// indicators, one request at a time, watching whether the matching input toggles and whether
// another one answers instead.
#pragma once

#include "rig/core/backend.hpp"
#include "rig/core/clock.hpp"
#include "rig/core/rig_wiring.hpp"
#include "rig/core/wiring_console.hpp"

#include <cstddef>
#include <optional>
#include <vector>

namespace fobrig {

struct SenseCheckPlan {
    Duration time_limit = seconds(30);  // for each request
    Duration settle = seconds(1);       // after an input toggled, for others that move as well;
                                        // and the stillness a request waits for first
    Duration quiet_limit = seconds(10); // the longest a request waits for that stillness
    std::vector<bool> levels;           // each sense input's level at the start; empty: unknown
};

struct SenseCheck {
    std::size_t input = 0;
    std::optional<bool> level; // at the start, where the backend could read it
    bool skipped = true;       // not asked for (no console, no request for its role), or skipped
    bool went_active = false;  // while asked for
    bool went_inactive = false;
    std::vector<std::size_t> others; // sense inputs that changed while this one was asked for

    bool moved() const { return went_active || went_inactive; }
    bool toggled() const { return went_active && went_inactive; }
    // A car at rest drives no signal, so an input active at the start is wired or set up wrong.
    bool fault() const { return level == true || !others.empty() || (!skipped && !moved()); }
};

// The requests follow the roles' order (lock, unlock, ignition, indicator), for the roles the
// rig has. A
// request ends when an input toggled and `settle` passed, when the operator skips it, or when
// its time is up. Without a console every request is skipped. One check per sense input, in
// rig order.
std::vector<SenseCheck> check_senses(Backend& backend, Clock& clock, const Rig& rig,
                                     const SenseCheckPlan& plan, WiringConsole* console);

} // namespace fobrig
