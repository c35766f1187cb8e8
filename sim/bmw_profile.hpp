// The BMW ritual's receiver (the Mini R50 of 2004-2006 and the E46 3 Series share it, as
// BMW's general module texts give it) as numbers: its limits for the re-sync ritual and the
// timing of its answers. The car knows nothing of any procedure file.
#pragma once

#include "sim/receiver_profile.hpp"

namespace fobrig::sim {

struct BmwProfile {
    ReceiverProfile receiver;
    Duration ignition_on_max{}; // ignition on, then off within this: programming mode
    Duration hold_within{};     // from key removal (or a key learned) to the next hold
    int lock_presses = 0;       // lock closings while unlock is held
    Duration presses_within{};  // from the hold's start to the last lock press
    // Whether a hold started with lock and unlock closed together (the seed article's chord)
    // counts its lock closing as the first press (a lenient receiver), or is no start at all,
    // the count starting only from unlock pressed alone (a strict one, as every other source
    // and BMW's own manuals describe the ritual).
    bool chord_counts_as_press = false;
    // A lock tap closing sooner than this after the previous one is not counted. The
    // sources only say "not too rapidly, 1-2 seconds between presses is fine" and give no
    // limit: zero, no minimum, unless a test asks for a fussier receiver.
    Duration min_tap_gap{};
    Duration confirm_delay{}; // from the release to the lock pulse of a learned key
    Duration confirm_gap{};   // from the end of that lock pulse to the unlock pulse
};

// BMW Mini R50/R52/R53, 2004-2006, as the sources describe its receiver: a strict one.
BmwProfile mini_r50();
// BMW 3 Series E46, 1998-2006: the same ritual and four keys; the order the keys are learned
// in numbers them for key memory (Car::key_table() keeps that order).
BmwProfile bmw_e46();

} // namespace fobrig::sim
