// The operator at this terminal, for local runs on real hardware: each prompt is printed, and
// Enter typed while it is open acknowledges it. At the end of input there is no operator here:
// the step then waits for the sense input or its deadline, and says so.
#pragma once

#include "rig/cli/operator_input.hpp"
#include "rig/core/clock.hpp"
#include "rig/core/operator_console.hpp"

#include <ostream>
#include <unistd.h>

namespace fobrig {

class StdinConsole final : public OperatorConsole {
public:
    StdinConsole(Clock& clock, std::ostream& out, int input = STDIN_FILENO)
        : clock_(clock), out_(out), input_(input) {}

    void prompt(const OperatorPrompt& prompt) override;
    std::optional<Instant> acknowledged() override;

private:
    Clock& clock_;
    std::ostream& out_;
    OperatorInput input_;
    bool open_ = false;
    bool told_closed_ = false;
    std::optional<Instant> acknowledged_;
};

} // namespace fobrig
