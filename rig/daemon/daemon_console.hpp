// The operator as the daemon sees them: a prompt goes to every subscribed client (and to the
// simulated operator, on the simulator), and an acknowledgement may come from any client.
#pragma once

#include "rig/core/clock.hpp"
#include "rig/core/operator_console.hpp"
#include "rig/daemon/event_observer.hpp"

#include <atomic>

namespace fobrig {

class DaemonConsole final : public OperatorConsole {
public:
    // `hands` also receives every prompt (the simulated operator), or is null.
    DaemonConsole(Clock& clock, EventObserver& events, OperatorConsole* hands)
        : clock_(clock), events_(events), hands_(hands) {}

    void prompt(const OperatorPrompt& prompt) override;
    std::optional<Instant> acknowledged() override;
    void car_clock(const CarClock& clock) override;
    void counted(const OperatorPrompt& prompt) override;
    // From the control thread: acknowledges the current prompt; false when none is waiting.
    bool acknowledge();

private:
    Clock& clock_;
    EventObserver& events_;
    OperatorConsole* hands_;
    std::optional<Instant> acknowledged_; // the run's thread only
    std::atomic<bool> requested_{false};  // a client acknowledged
    std::atomic<bool> waiting_{false};    // a prompt is open
};

} // namespace fobrig
