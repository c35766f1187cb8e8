// The operator at this terminal during `fobrig wiring-check`: each request is printed with its
// time limit, and Enter skips it.
#pragma once

#include "rig/cli/operator_input.hpp"
#include "rig/core/clock.hpp"
#include "rig/core/wiring_console.hpp"

namespace fobrig {

class StdinWiringConsole final : public WiringConsole {
public:
    explicit StdinWiringConsole(Clock& clock) : clock_(clock) {}

    void ask(const std::string& request, Instant deadline) override;
    bool skipped() override;

private:
    Clock& clock_;
    OperatorInput input_;
    bool skipped_ = false;
};

} // namespace fobrig
