// What is broken on a simulated bench: the car's receiver, fob batteries, buttons and rolling
// counters, relays, the radio link.
#pragma once

#include "rig/core/time.hpp"
#include "sim/button_mask.hpp"
#include "sim/relay.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <vector>

namespace fobrig::sim {

struct SimFaults {
    bool dead_receiver = false;
    std::vector<int> flat_battery_slots;
    std::map<int, ButtonMask> broken_buttons; // by slot: buttons that never make contact
    // By slot: the car already holds this fob, whose counter ran this far ahead of the last
    // one the car accepted (presses away from the car).
    std::map<int, std::uint32_t> counter_ahead;
    std::map<std::size_t, RelayFault> stuck_relays; // by rig output index
    double telegram_loss = 0.0;                     // probability that a telegram is lost
    std::uint64_t seed = 1;                         // of the loss draws
    // Telegrams lost whatever the draw, by their order on the air from 1: a test's exact loss.
    std::set<std::uint64_t> lost_telegrams;
    // The run's thread is held this long (real time) inside the first line change that closes
    // a contact, as a thread kept off its CPU would be: the daemon's guard is what opens it.
    Duration run_stall{};
};

} // namespace fobrig::sim
