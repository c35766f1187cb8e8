// When a fob sends: after its buttons stand still, then again every repeat period.
#include "sim/fob.hpp"

namespace fobrig::sim {

Fob::Fob(World& world, std::uint32_t id, FobProfile profile, Transmitter transmit)
    : world_(world), id_(id), profile_(profile), transmit_(std::move(transmit)) {}

void Fob::set_button(Button button, bool closed) {
    if (broken_.closed(button) || buttons_.closed(button) == closed) {
        return;
    }
    buttons_.set(button, closed);
    ++buttons_epoch_;
    if (buttons_.any()) {
        send_after(profile_.debounce + profile_.airtime);
    }
}

void Fob::send_after(Duration d) {
    world_.after(d, [this, epoch = buttons_epoch_] {
        if (epoch != buttons_epoch_ || battery_flat_) {
            return;
        }
        transmit_({.fob_id = id_, .buttons = buttons_, .counter = ++counter_});
        send_after(profile_.repeat);
    });
}

} // namespace fobrig::sim
