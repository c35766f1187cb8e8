// A switch contact following its coil, with latency, bounce and faults.
#include "sim/relay.hpp"

#include <array>

namespace fobrig::sim {
namespace {

// After first touching, a relay contact opens and closes again a few times within about 1 ms.
constexpr std::array<Duration, 4> bounce_toggles{microseconds(150), microseconds(300),
                                                 microseconds(550), microseconds(900)};

} // namespace

Relay::Relay(World& world, const OutputChannel& channel, RelayFault fault)
    : world_(world), kind_(channel.kind), active_low_(channel.active_low),
      operate_latency_(channel.operate_latency), release_latency_(channel.release_latency),
      fault_(fault) {}

void Relay::set_line(bool high) {
    line_energising_ = high != active_low_;
    update_coil();
}

void Relay::set_powered(bool powered) {
    powered_ = powered;
    update_coil();
}

void Relay::update_coil() {
    const bool energised = line_energising_ && powered_;
    if (energised == energised_) {
        return;
    }
    energised_ = energised;
    ++coil_epoch_;
    if (!energised) {
        move_after(release_latency_, false);
        return;
    }
    move_after(operate_latency_, true);
    if (kind_ != SwitchKind::relay) {
        return;
    }
    bool closed = true;
    for (const Duration toggle : bounce_toggles) {
        closed = !closed;
        move_after(operate_latency_ + toggle, closed);
    }
}

void Relay::move_after(Duration d, bool closed) {
    world_.after(d, [this, epoch = coil_epoch_, closed] {
        if (epoch == coil_epoch_) {
            move_contact(closed);
        }
    });
}

void Relay::move_contact(bool closed) {
    if ((closed && fault_ == RelayFault::stuck_open) ||
        (!closed && fault_ == RelayFault::stuck_closed)) {
        return;
    }
    contact_.set(closed);
}

} // namespace fobrig::sim
