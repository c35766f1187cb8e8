// An operator step at the terminal: the instruction with a live countdown, acknowledged with
// Enter. Without a terminal it prints the instruction once and leaves acknowledging to others
// (the simulated operator, another client, or an ignition input).
#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <optional>
#include <string>

namespace fobrig {

class TerminalPrompt {
public:
    TerminalPrompt();

    void show(const nlohmann::json& prompt_event);
    void close();
    // Redraws the countdown; true once the operator pressed Enter for the open prompt.
    bool poll_enter();

private:
    void draw();

    bool interactive_;
    std::optional<std::string> text_;
    std::chrono::steady_clock::time_point deadline_{};
};

} // namespace fobrig
