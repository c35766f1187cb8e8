#include "rig/daemon/daemon_console.hpp"

namespace fobrig {

void DaemonConsole::prompt(const OperatorPrompt& prompt) {
    acknowledged_.reset();
    requested_.store(false);
    waiting_.store(true);
    events_.prompted(prompt, clock_.now());
    if (hands_) {
        hands_->prompt(prompt);
    }
}

void DaemonConsole::counted(const OperatorPrompt& prompt) {
    events_.counted(prompt, clock_.now());
    if (hands_ != nullptr) {
        hands_->counted(prompt);
    }
}

void DaemonConsole::car_clock(const CarClock& clock) {
    events_.car_clock(clock, clock_.now());
}

std::optional<Instant> DaemonConsole::acknowledged() {
    if (!acknowledged_ && hands_) {
        acknowledged_ = hands_->acknowledged();
    }
    // The clock belongs to the run's thread, so a client's acknowledgement is stamped here,
    // at most one wait slice after it arrived.
    if (!acknowledged_ && requested_.load()) {
        acknowledged_ = clock_.now();
    }
    if (acknowledged_) {
        waiting_.store(false);
    }
    return acknowledged_;
}

bool DaemonConsole::acknowledge() {
    if (!waiting_.load() || requested_.exchange(true)) {
        return false;
    }
    return true;
}

} // namespace fobrig
