// The simulated cars' common receiver numbers.
#include "sim/receiver_profile.hpp"

namespace fobrig::sim {

ReceiverProfile typical_receiver(std::size_t key_table_size, KeyTablePolicy policy) {
    return {
        .key_table_size = key_table_size,
        .policy = policy,
        .limit_tolerance = milliseconds(200),
        .release_timeout = milliseconds(250),
        .pulse_length = milliseconds(300),
        .response_delay = milliseconds(150),
        .flash_on = milliseconds(300),
        .flash_off = milliseconds(300),
        .counter_window = 16,   // the usual KeeLoq receiver's
        .resync_window = 32768, // half the 16-bit counter
    };
}

} // namespace fobrig::sim
