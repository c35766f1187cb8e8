// The Mini R50's receiver: the sources' limits (the seed article's, which BMW's manuals and
// the owners' forums repeat), and plausible answer timings (no source gives any).
#include "sim/car_profile.hpp"

namespace fobrig::sim {

CarProfile mini_r50() {
    return {
        .key_table_size = 4,
        .ignition_on_max = seconds(5), // "within 5 seconds, turn back and remove key"
        .hold_within = seconds(30),    // "within 30 seconds of removing the key"
        .lock_presses = 3,             // "hold unlock, press and release lock three times"
        .presses_within = seconds(10), // "... within 10 seconds"
        .limit_tolerance = milliseconds(200),
        .release_timeout = milliseconds(250),
        .confirm_delay = milliseconds(400), // "the doors should lock and then unlock"
        .confirm_gap = milliseconds(600),
        .pulse_length = milliseconds(300),
        .response_delay = milliseconds(150),
        .flash_on = milliseconds(300),
        .flash_off = milliseconds(300),
        .counter_window = 16,   // the usual KeeLoq receiver's
        .resync_window = 32768, // half the 16-bit counter
    };
}

} // namespace fobrig::sim
