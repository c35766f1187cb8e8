// An operator step at the terminal: the instruction with a live countdown, acknowledged with
// Enter. Without a terminal it prints the instruction once and leaves acknowledging to others
// (the simulated operator, another client, or an ignition input).
#pragma once

#include "rig/cli/operator_input.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <optional>
#include <ostream>
#include <string>

namespace fobrig {

class TerminalPrompt {
public:
    explicit TerminalPrompt(std::ostream& out);

    // Prints the instruction on a line of its own, then keeps a countdown line under it; what
    // was typed before the prompt opened is thrown away, so that an Enter meant for nothing
    // (pressed during a sequence or a pause) cannot acknowledge this step.
    void show(const nlohmann::json& prompt_event);
    void close();
    // Redraws the countdown; true once the operator pressed Enter for the open prompt. At the
    // end of input (Ctrl-D) the terminal stops acknowledging and says who still can.
    bool poll_enter();

    // The countdown line, at most 79 characters whatever the step's words.
    static std::string countdown_line(double seconds_left);

private:
    void draw();

    std::ostream& out_;
    bool interactive_;
    OperatorInput input_;
    bool input_closed_ = false;
    std::optional<std::string> text_;
    std::chrono::steady_clock::time_point deadline_{};
};

} // namespace fobrig
