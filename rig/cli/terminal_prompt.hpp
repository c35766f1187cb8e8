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
    // A `car-clock` event: the countdown follows the car's limit from now on.
    void car_clock(const nlohmann::json& car_clock_event);
    // A `counted` event: one more turn of a counted step ("5 of 8").
    void counted(const nlohmann::json& counted_event);
    void close();
    // Redraws the countdown; true once the operator pressed Enter for the open prompt. At the
    // end of input (Ctrl-D) the terminal stops acknowledging and says who still can.
    bool poll_enter();

    // What the countdown line shows: the limit that matters now.
    struct Countdown {
        double seconds_left = 0; // to the step's own deadline
        std::string car_limit;   // "key out within 5 s of turning it on", or empty
        std::string car_what;    // "key out", once an input saw the car's clock start
        std::optional<double> car_seconds_left; // while that clock runs
        std::string counted;                    // a counted step's "5 of 8", or empty
    };
    // The countdown line, at most 79 characters whatever the step's words: "key out within
    // 3.2 s" while the car's clock runs, else the step's time left and the car's limit.
    static std::string countdown_line(const Countdown& countdown);

private:
    void draw();

    std::ostream& out_;
    bool interactive_;
    OperatorInput input_;
    bool input_closed_ = false;
    std::optional<std::string> text_;
    std::chrono::steady_clock::time_point deadline_{};
    std::string car_limit_;
    std::string counted_;
    std::string car_what_;
    std::optional<std::chrono::steady_clock::time_point> car_deadline_;
};

} // namespace fobrig
