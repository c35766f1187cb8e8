#include "rig/cli/terminal_prompt.hpp"

#include <cstdio>
#include <unistd.h>

namespace fobrig {

TerminalPrompt::TerminalPrompt(std::ostream& out)
    : out_(out), interactive_(::isatty(STDIN_FILENO) && ::isatty(STDOUT_FILENO)) {}

void TerminalPrompt::show(const nlohmann::json& prompt_event) {
    text_ = prompt_event.value("text", "");
    // The daemon's deadline is on its clock; the seconds left travel with the event.
    deadline_ = std::chrono::steady_clock::now() +
                std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                    std::chrono::duration<double>(prompt_event.value("seconds_left", 0.0)));
    out_ << ">> " << *text_ << '\n' << std::flush;
    if (!interactive_ || input_closed_) {
        return;
    }
    input_.discard_pending();
    draw();
}

std::string TerminalPrompt::countdown_line(double seconds_left) {
    char line[80];
    std::snprintf(line, sizeof line, "   %.1f s left (Enter when done)", seconds_left);
    return line;
}

void TerminalPrompt::draw() {
    const double left = std::max(
        0.0, std::chrono::duration<double>(deadline_ - std::chrono::steady_clock::now()).count());
    out_ << "\r\033[K" << countdown_line(left) << std::flush;
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
