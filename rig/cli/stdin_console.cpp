#include "rig/cli/stdin_console.hpp"

namespace fobrig {

void StdinConsole::prompt(const OperatorPrompt& prompt) {
    acknowledged_.reset();
    open_ = true;
    input_.discard_pending();
    arm(!told_closed_);
    out_ << ">> " << prompt.text << "\n   (Enter when done; "
         << duration_text(prompt.deadline - clock_.now()) << " at most"
         << (prompt.car_limit.empty() ? "" : "; the car: " + prompt.car_limit) << ")\n"
         << std::flush;
}

void StdinConsole::car_clock(const CarClock& clock) {
    if (clock.deadline) {
        out_ << "   " << clock.what << " within " << duration_text(*clock.deadline - clock_.now())
             << '\n';
    } else {
        out_ << "   " << clock.what << " in time\n";
    }
    out_ << std::flush;
}

void StdinConsole::counted(const OperatorPrompt& prompt) {
    out_ << "   " << count_progress(prompt) << '\n' << std::flush;
}

std::optional<Instant> StdinConsole::acknowledged() {
    if (!open_ || acknowledged_) {
        return acknowledged_;
    }
    switch (input_.read_line()) {
    case OperatorLine::line:
        acknowledged_ = clock_.now();
        arm(false);
        break;
    case OperatorLine::closed:
        arm(false); // no Enter can come
        if (!told_closed_) {
            told_closed_ = true;
            out_ << "   the input is closed, so nobody here can acknowledge: the step waits "
                    "for its sense input or its deadline\n"
                 << std::flush;
        }
        break;
    case OperatorLine::none:
        break;
    }
    return acknowledged_;
}

void StdinConsole::arm(bool armed) {
    if (arm_wake_) {
        arm_wake_(armed);
    }
}

} // namespace fobrig
