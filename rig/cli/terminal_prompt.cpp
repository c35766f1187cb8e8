#include "rig/cli/terminal_prompt.hpp"

#include <cstdio>
#include <iostream>
#include <poll.h>
#include <unistd.h>

namespace fobrig {

TerminalPrompt::TerminalPrompt()
    : interactive_(::isatty(STDIN_FILENO) && ::isatty(STDOUT_FILENO)) {}

void TerminalPrompt::show(const nlohmann::json& prompt_event) {
    text_ = prompt_event.value("text", "");
    // The daemon's deadline is on its clock; the seconds left travel with the event.
    deadline_ = std::chrono::steady_clock::now() +
                std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                    std::chrono::duration<double>(prompt_event.value("seconds_left", 0.0)));
    if (!interactive_) {
        std::cout << ">> " << *text_ << '\n' << std::flush;
        return;
    }
    draw();
}

void TerminalPrompt::draw() {
    const double left = std::max(
        0.0, std::chrono::duration<double>(deadline_ - std::chrono::steady_clock::now()).count());
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.1f s left", left);
    std::cout << "\r\033[K>> " << *text_ << ": " << seconds << " (Enter when done)" << std::flush;
}

void TerminalPrompt::close() {
    if (text_ && interactive_) {
        std::cout << '\n';
    }
    text_.reset();
}

bool TerminalPrompt::poll_enter() {
    if (!text_ || !interactive_) {
        return false;
    }
    draw();
    pollfd input{.fd = STDIN_FILENO, .events = POLLIN, .revents = 0};
    if (::poll(&input, 1, 0) <= 0) {
        return false;
    }
    std::string line;
    std::getline(std::cin, line);
    return true;
}

} // namespace fobrig
