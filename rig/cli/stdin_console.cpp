#include "rig/cli/stdin_console.hpp"

#include <iostream>
#include <poll.h>
#include <string>
#include <unistd.h>

namespace fobrig {

void StdinConsole::prompt(const OperatorPrompt& prompt) {
    acknowledged_.reset();
    lines_.arm_wake(true);
    std::cout << ">> " << prompt.text << " (Enter when done; "
              << duration_text(prompt.deadline - clock_.now()) << " at most)\n"
              << std::flush;
}

std::optional<Instant> StdinConsole::acknowledged() {
    pollfd input{.fd = STDIN_FILENO, .events = POLLIN, .revents = 0};
    if (!acknowledged_ && ::poll(&input, 1, 0) > 0) {
        std::string line;
        if (std::getline(std::cin, line)) {
            acknowledged_ = clock_.now();
        }
        // Acknowledged, or stdin at its end (no Enter can come): nothing more to wait for.
        lines_.arm_wake(false);
    }
    return acknowledged_;
}

} // namespace fobrig
