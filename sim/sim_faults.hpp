// What is broken on a simulated bench: the car's receiver, fob batteries, relays, the radio link.
#pragma once

#include "sim/relay.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <vector>

namespace fobrig::sim {

struct SimFaults {
    bool dead_receiver = false;
    std::vector<int> flat_battery_slots;
    std::map<std::size_t, RelayFault> stuck_relays; // by rig output index
    double telegram_loss = 0.0;                     // probability that a telegram is lost
    std::uint64_t seed = 1;                         // of the loss draws
};

} // namespace fobrig::sim
