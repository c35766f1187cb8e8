// The switch across one fob button: a relay (or optocoupler, or solid-state switch) whose
// contact follows its input line after the channel's latencies, bouncing if it is a relay.
#pragma once

#include "rig/core/rig_wiring.hpp"
#include "sim/wire.hpp"
#include "sim/world.hpp"

#include <cstdint>

namespace fobrig::sim {

enum class RelayFault {
    none,
    stuck_open,   // never closes
    stuck_closed, // welded: once closed, never opens
};

class Relay {
public:
    // Kind, polarity and latencies are the channel's.
    Relay(World& world, const OutputChannel& channel, RelayFault fault = RelayFault::none);
    Relay(const Relay&) = delete;
    Relay& operator=(const Relay&) = delete;

    // The physical level on the module's input; an active-low module energises on low.
    void set_line(bool high);
    // Whether the module's coil supply is on (a board behind the interlock loses it when the
    // enable wave stops): without it no coil is energised, whatever the line says.
    void set_powered(bool powered);
    bool energised() const { return energised_; }
    Wire& contact() { return contact_; }

private:
    void update_coil();
    // Moves the contact after `d` unless the coil changes meanwhile.
    void move_after(Duration d, bool closed);
    void move_contact(bool closed);

    World& world_;
    SwitchKind kind_;
    bool active_low_;
    Duration operate_latency_;
    Duration release_latency_;
    RelayFault fault_;
    bool line_energising_ = false; // the line's level asks for the coil
    bool powered_ = true;
    bool energised_ = false;
    std::uint64_t coil_epoch_ = 0; // counts coil changes, so that a change cancels the last
    Wire contact_;
};

} // namespace fobrig::sim
