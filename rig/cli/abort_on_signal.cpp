#include "rig/cli/abort_on_signal.hpp"

namespace fobrig {

namespace {

// A signal handler may only touch a lock-free atomic.
std::atomic<bool> abort_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void request_abort(int) {
    abort_requested.store(true);
}

} // namespace

AbortOnSignal::AbortOnSignal() {
    abort_requested.store(false);
    struct sigaction action {};
    action.sa_handler = request_abort;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &previous_int_);
    sigaction(SIGTERM, &action, &previous_term_);
}

AbortOnSignal::~AbortOnSignal() {
    sigaction(SIGINT, &previous_int_, nullptr);
    sigaction(SIGTERM, &previous_term_, nullptr);
}

const std::atomic<bool>& AbortOnSignal::flag() const {
    return abort_requested;
}

} // namespace fobrig
