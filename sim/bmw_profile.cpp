// The BMW receivers' numbers: the sources' limits (the seed article's, which BMW's manuals and
// the owners' forums repeat), and plausible answer timings (no source gives any).
#include "sim/bmw_profile.hpp"

namespace fobrig::sim {

BmwProfile mini_r50() {
    return {
        .receiver = typical_receiver(4, KeyTablePolicy::session_erases_all),
        .ignition_on_max = seconds(5),      // "within 5 seconds, turn back and remove key"
        .hold_within = seconds(30),         // "within 30 seconds of removing the key"
        .lock_presses = 3,                  // "hold unlock, press and release lock three times"
        .presses_within = seconds(10),      // "... within 10 seconds"
        .confirm_delay = milliseconds(400), // "the doors should lock and then unlock"
        .confirm_gap = milliseconds(600),
    };
}

// The E46 owners' texts give the Mini's limits word for word (position 1 and off within 5 s,
// three lock presses within 10 s, each further key within 30 s, at most four keys): config/
// procedures/bmw-e46-1998.toml cites them. Its body module answers a little slower.
BmwProfile bmw_e46() {
    BmwProfile car = mini_r50();
    car.receiver.response_delay = milliseconds(200);
    car.confirm_delay = milliseconds(500);
    return car;
}

} // namespace fobrig::sim
