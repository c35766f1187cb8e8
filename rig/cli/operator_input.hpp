// The operator's Enter, read from a descriptor without blocking, so that only a line typed
// while a prompt is open acknowledges it, and the end of input acknowledges nothing.
#pragma once

#include <string>
#include <unistd.h>

namespace fobrig {

enum class OperatorLine { none, line, closed };

class OperatorInput {
public:
    explicit OperatorInput(int fd = STDIN_FILENO) : fd_(fd) {}

    // One whole line if one has come (a part of a line waits for its end); `closed` at the
    // end of input, and from then on.
    OperatorLine read_line();
    // Throws away what was typed before now: the terminal's queue, or what a pipe holds now.
    void discard_pending();

private:
    // Reads what is there now; false when nothing was.
    bool take();

    int fd_;
    std::string partial_; // typed since the last newline
    bool closed_ = false;
};

} // namespace fobrig
