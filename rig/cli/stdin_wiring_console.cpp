#include "rig/cli/stdin_wiring_console.hpp"

#include <iostream>
#include <poll.h>
#include <string>
#include <termios.h>
#include <unistd.h>

namespace fobrig {

void StdinWiringConsole::ask(const std::string& request, Instant deadline) {
    // An Enter typed before this request (during the output pulses, say) does not skip it.
    ::tcflush(STDIN_FILENO, TCIFLUSH);
    skipped_ = false;
    std::cout << ">> " << request << " (Enter to skip; " << duration_text(deadline - clock_.now())
              << " at most)\n"
              << std::flush;
}

bool StdinWiringConsole::skipped() {
    pollfd input{.fd = STDIN_FILENO, .events = POLLIN, .revents = 0};
    if (!skipped_ && ::poll(&input, 1, 0) > 0) {
        std::string line;
        std::getline(std::cin, line);
        skipped_ = true;
    }
    return skipped_;
}

} // namespace fobrig
