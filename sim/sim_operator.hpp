// The person at the rig, simulated: does the manual steps a prompt asks for, with a profile's
// timing, and acknowledges them. A counted step (the ignition turned on 8 times, the key
// inserted and removed 7 times, the door opened and closed) is done turn by turn on the car's
// switch, at the profile's pace, so that the rig's inputs see each turn.
#pragma once

#include "rig/core/clock.hpp"
#include "rig/core/operator_console.hpp"
#include "sim/car.hpp"
#include "sim/world.hpp"

#include <cstdint>
#include <optional>

namespace fobrig::sim {

struct OperatorProfile {
    Duration response = seconds(1);         // from a prompt to the first action (or to confirming)
    Duration ignition_hold = seconds(2);    // ignition on, then off this much later
    Duration ack_delay = milliseconds(500); // from the last action to acknowledging
    // One turn of a counted step: the switch on (key in, door open) this long, then off this
    // long before the next turn.
    Duration turn_on = milliseconds(400);
    Duration turn_off = milliseconds(400);
    // Turns done beyond the count asked for (-1: one too few), the person's slip.
    int miscount = 0;
};

// The input level a prompt's counted step ends at, as a person reads it from the car's limit
// ("8 turns of the ignition to on within 8 s, ending on"): on, in or open; otherwise off.
bool ends_active(const OperatorPrompt& prompt);

class SimOperator final : public OperatorConsole {
public:
    SimOperator(World& world, Clock& clock, Car& car, OperatorProfile profile);

    void prompt(const OperatorPrompt& prompt) override;
    std::optional<Instant> acknowledged() override { return acknowledged_; }
    // How many prompts have been acknowledged, so that a waiter can tell a new one.
    std::uint64_t acknowledgements() const { return acknowledgements_; }

private:
    // Works `role` on and off `turns` times from `response` on, leaving it on after the last
    // when `end_on`; returns when the last movement is done.
    Duration turn(const std::string& role, int turns, bool end_on);
    // An ignition-cycle ends with the key out: on a car whose key switch is wired and in, the
    // key is removed after `at` unless the step ends on; returns when it is out.
    Duration remove_key_after(Duration at, bool ignition_on);
    void acknowledge_after(Duration d);

    World& world_;
    Clock& clock_;
    Car& car_;
    OperatorProfile profile_;
    std::optional<Instant> acknowledged_;
    std::uint64_t prompts_ = 0; // an acknowledgement belongs to the prompt that asked for it
    std::uint64_t acknowledgements_ = 0;
};

} // namespace fobrig::sim
