// How a car's remote receiver behaves, as numbers: its limits for the re-sync ritual and the
// timing of its answers. The car knows nothing of any procedure file.
#pragma once

#include "rig/core/time.hpp"

#include <cstddef>
#include <cstdint>

namespace fobrig::sim {

struct CarProfile {
    std::size_t key_table_size = 0;
    Duration ignition_on_max{}; // ignition on, then off within this: programming mode
    Duration hold_within{};     // from key removal (or a key learned) to the next hold
    int lock_presses = 0;       // lock closings while unlock is held
    Duration presses_within{};  // from the hold's start to the last lock press
    Duration limit_tolerance{}; // how far past each limit above the receiver still accepts
    // Whether a hold started with lock and unlock closed together (the seed article's chord)
    // counts its lock closing as the first press (a lenient receiver), or is no start at all,
    // the count starting only from unlock pressed alone (a strict one, as every other source
    // and BMW's own manuals describe the ritual).
    bool chord_counts_as_press = false;
    // A lock tap closing sooner than this after the previous one is not counted. The
    // sources only say "not too rapidly, 1-2 seconds between presses is fine" and give no
    // limit: zero, no minimum, unless a test asks for a fussier receiver.
    Duration min_tap_gap{};
    Duration release_timeout{}; // no telegram for this long: the fob's buttons are released
    Duration confirm_delay{};   // from the release to the lock pulse of a learned key
    Duration confirm_gap{};     // from the end of that lock pulse to the unlock pulse
    Duration pulse_length{};    // of every lock and unlock signal pulse
    Duration response_delay{};  // normal mode: from a fob's telegram to its pulse
    // The indicators flash with each answer (once for lock, twice for unlock), starting with
    // its pulse: on this long, then off this long.
    Duration flash_on{};
    Duration flash_off{};
    // Rolling codes, KeeLoq-style: a known fob's counter may run this far ahead of the last
    // one the car accepted and still be answered...
    std::uint32_t counter_window = 0;
    // ...and up to this far only after two presses in a row (a resync); a fob further ahead is
    // ignored until it is programmed again.
    std::uint32_t resync_window = 0;
};

// BMW Mini R50/R52/R53, 2004-2006, as the sources describe its receiver: a strict one.
CarProfile mini_r50();

} // namespace fobrig::sim
