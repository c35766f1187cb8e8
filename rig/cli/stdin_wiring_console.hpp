// The operator at this terminal during `fobrig wiring-check`: each request is printed with its
// time limit, and Enter skips it.
#pragma once

#include "rig/cli/operator_input.hpp"
#include "rig/core/clock.hpp"
#include "rig/core/wiring_console.hpp"

#include <ostream>

namespace fobrig {

class StdinWiringConsole final : public WiringConsole {
public:
    // Requests go to `out`: stderr when stdout carries a JSON document.
    StdinWiringConsole(Clock& clock, std::ostream& out) : clock_(clock), out_(out) {}

    void ask(const WiringRequest& request, Instant deadline) override;
    bool skipped() override;

private:
    Clock& clock_;
    std::ostream& out_;
    OperatorInput input_;
    bool skipped_ = false;
};

} // namespace fobrig
