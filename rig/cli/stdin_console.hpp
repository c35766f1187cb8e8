// The operator at this terminal, for local runs on real hardware: each prompt is printed, and
// Enter typed while it is open acknowledges it. At the end of input there is no operator here:
// the step then waits for the sense input or its deadline, and says so. Standard input may wake
// the run's waits only while a prompt is open (an Enter typed ahead, or stdin at its end, would
// otherwise wake the run's thread at once, again and again): `arm_wake` switches that.
#pragma once

#include "rig/cli/operator_input.hpp"
#include "rig/core/clock.hpp"
#include "rig/core/operator_console.hpp"

#include <functional>
#include <ostream>
#include <unistd.h>

namespace fobrig {

class StdinConsole final : public OperatorConsole {
public:
    StdinConsole(Clock& clock, std::ostream& out, int input = STDIN_FILENO,
                 std::function<void(bool)> arm_wake = {})
        : clock_(clock), out_(out), input_(input), arm_wake_(std::move(arm_wake)) {}

    void prompt(const OperatorPrompt& prompt) override;
    std::optional<Instant> acknowledged() override;
    void car_clock(const CarClock& clock) override;
    void counted(const OperatorPrompt& prompt) override;

private:
    void arm(bool armed);

    Clock& clock_;
    std::ostream& out_;
    OperatorInput input_;
    std::function<void(bool)> arm_wake_;
    bool open_ = false;
    bool told_closed_ = false;
    std::optional<Instant> acknowledged_;
};

} // namespace fobrig
