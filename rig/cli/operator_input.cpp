#include "rig/cli/operator_input.hpp"

#include <cerrno>
#include <poll.h>
#include <termios.h>

namespace fobrig {

bool OperatorInput::take() {
    pollfd input{.fd = fd_, .events = POLLIN, .revents = 0};
    if (closed_ || ::poll(&input, 1, 0) <= 0) {
        return false;
    }
    char buffer[4096];
    const ssize_t got = ::read(fd_, buffer, sizeof buffer);
    if (got == 0) {
        closed_ = true;
        return false;
    }
    if (got < 0) {
        closed_ = errno != EINTR && errno != EAGAIN;
        return false;
    }
    partial_.append(buffer, static_cast<std::size_t>(got));
    return true;
}

OperatorLine OperatorInput::read_line() {
    take();
    const auto newline = partial_.find('\n');
    if (newline != std::string::npos) {
        partial_.erase(0, newline + 1);
        return OperatorLine::line;
    }
    return closed_ ? OperatorLine::closed : OperatorLine::none;
}

void OperatorInput::discard_pending() {
    if (::isatty(fd_)) {
        ::tcflush(fd_, TCIFLUSH);
    }
    // Bounded: a writer that never stops must not hold the prompt.
    for (int reads = 0; reads < 64 && take(); ++reads) {
    }
    partial_.clear();
}

} // namespace fobrig
