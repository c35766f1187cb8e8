// The person at the rig, simulated: does the manual steps a prompt asks for, with a profile's
// timing, and acknowledges them.
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
};

class SimOperator final : public OperatorConsole {
public:
    SimOperator(World& world, Clock& clock, Car& car, OperatorProfile profile);

    void prompt(const OperatorPrompt& prompt) override;
    std::optional<Instant> acknowledged() override { return acknowledged_; }
    // How many prompts have been acknowledged, so that a waiter can tell a new one.
    std::uint64_t acknowledgements() const { return acknowledgements_; }

private:
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
