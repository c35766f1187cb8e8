// What a whole programming run allocates on its thread between its first and its last edge:
// run_procedure on a simulated car in virtual time, the figure the benchmark prints and the test
// in tests/alloc holds to zero.
//
// The simulated car, its fobs, the simulated person and the virtual clock run on the same
// thread, inside the backend's, the console's and the clock's calls: they stand for the world,
// not for the rig's code, and they allocate as they please (a car keeps notes in strings). What
// they allocate inside their own calls is counted apart and left out, so that the figure is
// what the rig's run strategy allocates, with the real car double that plays every path (a
// non-allocating double could not answer counted steps or held switches as the car does).
// Linked only with allocation_count.cpp.
#pragma once

#include "rig/core/programming_run.hpp"
#include "rig/daemon/event_observer.hpp"

#include <cstdint>
#include <string_view>

namespace fobrig::bench {

struct WholeRun {
    RunRecord record;
    std::size_t edges = 0; // line changes
    // On the run's thread, between its first and last edge, less what the world allocated
    // (~0 when no line changed).
    std::uint64_t allocations = 0;
};

struct CountedRunOptions {
    // The daemon's observer (bench/whole_run_events.hpp), or none: it hears the run, and the
    // person is reached through the daemon's console, as in fobrigd; what both do on the run's
    // thread is counted.
    EventObserver* daemon = nullptr;
    // The person walks away from the first prompt of this step, if one is named: that attempt
    // stops there.
    std::string_view away_at;
};

// Runs `request` on a thread of its own, as the daemon does, through `services` (the simulated
// world: clock, backend and person), counting.
WholeRun count_whole_run(const RunRequest& request, const RunServices& services,
                         const CountedRunOptions& options = {});

} // namespace fobrig::bench
