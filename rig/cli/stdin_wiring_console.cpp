#include "rig/cli/stdin_wiring_console.hpp"

#include <iostream>
#include <unistd.h>

namespace fobrig {

void StdinWiringConsole::ask(const WiringRequest& request, Instant deadline) {
    // An Enter typed before this request (during the output pulses, say) does not skip it.
    input_.discard_pending();
    skipped_ = false;
    out_ << ">> " << request.text << " (Enter to skip; " << duration_text(deadline - clock_.now())
         << " at most)\n"
         << std::flush;
}

bool StdinWiringConsole::skipped() {
    // The end of input skips nothing: the request then runs to its deadline.
    skipped_ = skipped_ || input_.read_line() == OperatorLine::line;
    return skipped_;
}

} // namespace fobrig
