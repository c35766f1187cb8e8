// Shows on the terminal what the operator is asked and when they answered, whoever the
// operator is (a person at the rig, or the simulated one).
#pragma once

#include "rig/core/operator_console.hpp"

namespace fobrig {

class EchoingConsole final : public OperatorConsole {
public:
    explicit EchoingConsole(OperatorConsole& inner) : inner_(inner) {}

    void prompt(const OperatorPrompt& prompt) override;
    std::optional<Instant> acknowledged() override;
    void car_clock(const CarClock& clock) override;
    void counted(const OperatorPrompt& prompt) override;

private:
    OperatorConsole& inner_;
    OperatorPrompt current_;
    bool reported_ = true;
};

} // namespace fobrig
