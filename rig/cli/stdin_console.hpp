// The operator at this terminal, for local runs on real hardware: each prompt is printed, and
// Enter acknowledges it.
#pragma once

#include "rig/core/clock.hpp"
#include "rig/core/operator_console.hpp"

namespace fobrig {

class StdinConsole final : public OperatorConsole {
public:
    explicit StdinConsole(Clock& clock) : clock_(clock) {}

    void prompt(const OperatorPrompt& prompt) override;
    std::optional<Instant> acknowledged() override;

private:
    Clock& clock_;
    std::optional<Instant> acknowledged_;
};

} // namespace fobrig
