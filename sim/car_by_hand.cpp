#include "sim/car_by_hand.hpp"

namespace fobrig::sim {

void CarByHand::ask(const WiringRequest& request, Instant) {
    if (request.role == "ignition") {
        world_.after(seconds(2), [this] { car_.set_ignition(true); });
        world_.after(milliseconds(3500), [this] { car_.set_ignition(false); });
        return;
    }
    // A role the car has no signal for is a request nobody can carry out: it runs out.
    if (Wire* signal = car_.signal(request.role)) {
        world_.after(seconds(2), [signal] { signal->set(true); });
        world_.after(milliseconds(2600), [signal] { signal->set(false); });
    }
}

} // namespace fobrig::sim
