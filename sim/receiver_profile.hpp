// How any simulated car's remote receiver hears fobs and answers them, as numbers, and what
// learning a key does to the keys it already holds. Each family's ritual has its own numbers
// besides (sim/bmw_profile.hpp, ...); none of them comes from a procedure file.
#pragma once

#include "rig/core/time.hpp"

#include <cstddef>
#include <cstdint>

namespace fobrig::sim {

enum class KeyTablePolicy {
    session_erases_all, // the first key learned in a session erases every key not learned in it
    stacking,           // a key learned into a full table erases the oldest
    additive,           // keys are added until the table is full; then none is learned
};

struct ReceiverProfile {
    std::size_t key_table_size = 0;
    KeyTablePolicy policy = KeyTablePolicy::session_erases_all;
    Duration limit_tolerance{}; // how far past each of the ritual's limits the car still accepts
    Duration release_timeout{}; // no telegram for this long: the fob's buttons are released
    Duration pulse_length{};    // of every lock and unlock signal pulse
    Duration response_delay{};  // answering a known fob: from its telegram to the pulse
    // The indicators flash with each answer (once for lock, twice for unlock), starting with
    // its pulse: on this long, then off this long. Sounds (chime, horn) keep the same pace.
    Duration flash_on{};
    Duration flash_off{};
    // Rolling codes, KeeLoq-style: a known fob's counter may run this far ahead of the last
    // one the car accepted and still be answered...
    std::uint32_t counter_window = 0;
    // ...and up to this far only after two presses in a row (a resync); a fob further ahead is
    // ignored until it is programmed again.
    std::uint32_t resync_window = 0;
};

// The locks cycling, locked then unlocked, as a ritual's answer (programming mode entered, a
// key learned).
struct LockCycle {
    Duration delay{}; // from what the car answers to its lock pulse
    Duration gap{};   // from the end of that lock pulse to the unlock pulse
};

// A KeeLoq-style receiver with plausible answer timings (no source gives any): the Mini's,
// and the other simulated cars' unless a family's sources say otherwise.
ReceiverProfile typical_receiver(std::size_t key_table_size, KeyTablePolicy policy);

} // namespace fobrig::sim
