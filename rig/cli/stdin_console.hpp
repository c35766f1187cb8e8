// The operator at this terminal, for local runs on real hardware: each prompt is printed, and
// Enter acknowledges it. Standard input ends the lines' waits only while a prompt is open
// (an Enter typed ahead, or stdin at its end, would otherwise wake the run's thread at once,
// again and again).
#pragma once

#include "rig/core/clock.hpp"
#include "rig/core/operator_console.hpp"
#include "rig/gpiod/gpiod_backend.hpp"

namespace fobrig {

class StdinConsole final : public OperatorConsole {
public:
    // `lines` opened with wake_fd = STDIN_FILENO and wake_armed = false.
    StdinConsole(Clock& clock, GpiodBackend& lines) : clock_(clock), lines_(lines) {}

    void prompt(const OperatorPrompt& prompt) override;
    std::optional<Instant> acknowledged() override;

private:
    Clock& clock_;
    GpiodBackend& lines_;
    std::optional<Instant> acknowledged_;
};

} // namespace fobrig
