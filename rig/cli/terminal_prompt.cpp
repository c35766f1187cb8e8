#include "rig/cli/terminal_prompt.hpp"

#include <algorithm>
#include <cstdio>
#include <unistd.h>

namespace fobrig {

TerminalPrompt::TerminalPrompt(std::ostream& out)
    : out_(out), interactive_(::isatty(STDIN_FILENO) && ::isatty(STDOUT_FILENO)) {}

namespace {

// The daemon's deadlines are on its clock; the seconds left travel with each event.
std::chrono::steady_clock::time_point in_seconds(double seconds) {
    return std::chrono::steady_clock::now() +
           std::chrono::duration_cast<std::chrono::steady_clock::duration>(
               std::chrono::duration<double>(seconds));
}

// "5 of 8" for a counted step's prompt or counted event, else empty.
std::string progress_of(const nlohmann::json& event) {
    const int count = event.value("count", 0);
    return count > 0 ? std::to_string(event.value("done", 0)) + " of " + std::to_string(count)
                     : std::string();
}

double seconds_until(std::chrono::steady_clock::time_point deadline) {
    return std::max(
        0.0, std::chrono::duration<double>(deadline - std::chrono::steady_clock::now()).count());
}

} // namespace

void TerminalPrompt::show(const nlohmann::json& prompt_event) {
    text_ = prompt_event.value("text", "");
    deadline_ = in_seconds(prompt_event.value("seconds_left", 0.0));
    car_limit_ = prompt_event.value("car_limit", "");
    counted_ = progress_of(prompt_event);
    car_what_.clear();
    car_deadline_.reset();
    out_ << ">> " << *text_ << '\n' << std::flush;
    if (!interactive_ || input_closed_) {
        return;
    }
    input_.discard_pending();
    draw();
}

void TerminalPrompt::car_clock(const nlohmann::json& car_clock_event) {
    if (!text_) {
        return;
    }
    car_what_ = car_clock_event.value("what", "");
    car_deadline_.reset();
    if (car_clock_event.contains("seconds_left")) {
        car_deadline_ = in_seconds(car_clock_event.value("seconds_left", 0.0));
    }
}

void TerminalPrompt::counted(const nlohmann::json& counted_event) {
    if (!text_) {
        return;
    }
    counted_ = progress_of(counted_event);
    if (!interactive_ || input_closed_) {
        out_ << "   " << counted_ << '\n' << std::flush; // no countdown line to carry it
    }
}

std::string TerminalPrompt::countdown_line(const Countdown& countdown) {
    char line[160];
    if (countdown.car_seconds_left) {
        std::snprintf(line, sizeof line, "   %.40s within %.1f s (Enter when done)",
                      countdown.car_what.c_str(), *countdown.car_seconds_left);
    } else if (!countdown.car_what.empty()) {
        std::snprintf(line, sizeof line, "   %.40s in time; %.1f s left (Enter when done)",
                      countdown.car_what.c_str(), countdown.seconds_left);
    } else if (!countdown.car_limit.empty()) {
        std::snprintf(line, sizeof line, "   %.1f s left; the car: %s", countdown.seconds_left,
                      countdown.car_limit.c_str());
    } else {
        std::snprintf(line, sizeof line, "   %.1f s left (Enter when done)",
                      countdown.seconds_left);
    }
    std::string text = line;
    if (!countdown.counted.empty()) {
        text.insert(3, countdown.counted + "; ");
    }
    if (text.size() > 79) {
        text.resize(76);
        text += "...";
    }
    return text;
}

void TerminalPrompt::draw() {
    Countdown countdown{.seconds_left = seconds_until(deadline_),
                        .car_limit = car_limit_,
                        .car_what = car_what_,
                        .counted = counted_};
    if (car_deadline_) {
        countdown.car_seconds_left = seconds_until(*car_deadline_);
    }
    out_ << "\r\033[K" << countdown_line(countdown) << std::flush;
}

void TerminalPrompt::close() {
    if (text_ && interactive_ && !input_closed_) {
        out_ << '\n';
    }
    text_.reset();
}

bool TerminalPrompt::poll_enter() {
    if (!text_ || !interactive_ || input_closed_) {
        return false;
    }
    draw();
    switch (input_.read_line()) {
    case OperatorLine::line:
        return true;
    case OperatorLine::closed:
        input_closed_ = true;
        out_ << "\n   this terminal's input is closed, so it acknowledges nothing: the step "
                "waits for another client, the sense input, or its deadline\n"
             << std::flush;
        return false;
    case OperatorLine::none:
        break;
    }
    return false;
}

} // namespace fobrig
