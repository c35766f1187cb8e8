// The hardware interlock's square wave, played by the run's thread between a sequence's edges:
// no other thread toggles it, so that a run's thread that stops (a freeze, a crash, a stall)
// stops the wave and the relay board loses its supply (docs/wiring.md). Each toggle is a timed
// event of the sequencer's wait loop, on the same backend as the outputs; nothing is allocated.
#pragma once

#include "rig/core/backend.hpp"
#include "rig/core/clock.hpp"
#include "rig/core/rig_wiring.hpp"

#include <algorithm>

#include <optional>

namespace fobrig {

class EnableWave {
public:
    // A rig without an enable line plays no wave: every call does nothing.
    EnableWave(Backend& backend, const Rig& rig);

    // The first toggle (an activating edge, which powers the board) comes at `at`, then one
    // every half period from it.
    void start(Instant at);
    // Leaves the line inactive; the board keeps its supply for its hold time, then drops.
    void stop() noexcept;
    // The backend already left every line inactive (its open_all): the wave is over.
    void stopped_by_open_all() noexcept { running_ = false; }

    bool running() const { return running_; }
    // The next toggle's instant, while the wave runs.
    std::optional<Instant> next() const;
    // Plays the toggle due by `now`, if any, unless the board has already lost its supply: a
    // toggle then would power it again under whatever lines are active, so it returns false
    // and toggles nothing (the caller opens every output).
    bool serve(Instant now);
    // Whether the board has been without an activating edge for its hold time by `now`: it has
    // dropped every relay, and the run's idea of which contacts are closed is wrong.
    bool lost(Instant now) const;
    // How late the activating edge the board missed is at `now`.
    Duration missed_by(Instant now) const;

private:
    Backend& backend_;
    const std::optional<EnableOutput>& enable_;
    std::size_t channel_;
    bool running_ = false;
    bool active_ = false;
    Instant next_{};
    std::optional<Instant> last_rise_; // none before the wave's first activating edge
};

// For the tools that press one output at a time outside a run (wiring-check, calibrate): waits
// on the backend until `until`, playing `wave` meanwhile, and hands each input edge to `seen`.
template <class Seen>
void listen_playing(Backend& backend, Clock& clock, EnableWave& wave, Instant until, Seen seen) {
    while (clock.now() < until) {
        const std::optional<Instant> toggle = wave.next();
        for (const InputEdge& edge : backend.wait(toggle ? std::min(*toggle, until) : until)) {
            seen(edge);
        }
        wave.serve(clock.now());
    }
}

} // namespace fobrig
