// Plays timed edges on a backend at absolute instants, guards every contact's maximum hold,
// and passes every sensed edge since its start to the run record. Owns the outputs: destruction
// opens them. It does no I/O of its own: the record is kept in memory and written by others
// afterwards.
#pragma once

#include "rig/core/backend.hpp"
#include "rig/core/clock.hpp"
#include "rig/core/enable_wave.hpp"
#include "rig/core/function_ref.hpp"
#include "rig/core/rig_wiring.hpp"
#include "rig/core/run_pulse.hpp"
#include "rig/core/run_recorder.hpp"
#include "rig/core/schedule.hpp"

#include <atomic>
#include <optional>
#include <vector>

namespace fobrig {

struct SequencerOptions {
    // The sequencer stops waiting on the backend this long before an edge and lets the clock
    // take it the rest of the way (a real clock spins: rig/platform/monotonic_clock.hpp): a
    // little more than the usual p99 wake-up delay of a sleeping thread (0.4-0.5 ms measured
    // on the development VM), so that the wake-up lateness is spent before the instant.
    Duration spin_margin = microseconds(600);
    // Where the sequencer beats and says which contacts are closed until when, for a watcher
    // on another thread; none for a run nobody watches.
    RunPulse* pulse = nullptr;
};

// How a play ended: every edge played, the run aborted, or a stall kept an edge from its
// instant (every output then opened at once, so that no press reaches a fob shortened).
enum class Played { whole, aborted, stalled };

class Sequencer {
public:
    // Called during the call they are given to, never kept (see function_ref.hpp).
    using EdgeHandler = FunctionRef<void(const InputEdge&)>;
    using Condition = FunctionRef<bool()>;

    Sequencer(Clock& clock, Backend& backend, const Rig& rig, RunRecorder& recorder,
              const std::atomic<bool>& abort, SequencerOptions options = {});
    ~Sequencer();
    Sequencer(const Sequencer&) = delete;
    Sequencer& operator=(const Sequencer&) = delete;

    void set_attempt(int attempt) { attempt_ = attempt; }

    // Each edge at `anchor + edge.at`, measured from the same anchor so errors never add up.
    // An edge whose instant has passed by more than the plan's tolerance when the thread gets
    // to it (a stall) is not played: every output is opened at once and the play stops
    // (stalled; stall() says why). An edge whose own line change took longer is flagged late.
    // Input edges sensed meanwhile go to `on_edge`. On a rig with an enable line the interlock's
    // wave plays from a period before the first edge (sooner if the sequence starts sooner) to
    // the last; a wave late past the board's hold is a stall too, whose board dropped its relays.
    Played play(const SequencePlan& plan, Instant anchor, const EdgeHandler& on_edge = {});
    // The last stall: "a stall of 25.0 ms before unlock-1".
    const std::string& stall() const { return stall_; }

    // Returns at `deadline`, or earlier once `done` holds; false when aborted, or when the
    // enable wave came too late to keep the relay board powered (play() says so).
    bool wait_until(Instant deadline, const EdgeHandler& on_edge = {}, const Condition& done = {});

    // Opens every contact, recording the ones that were closed as forced openings.
    void open_all(const EdgeName& why) noexcept;

    Instant now() { return clock_.now(); }

private:
    Played play_edges(const SequencePlan& plan, Instant anchor, const EdgeHandler& on_edge);
    // Stops the play: every output opened, `stall_` saying why.
    Played stalled(Duration behind, std::string_view action, bool board_lost);
    std::optional<Instant> next_guard_deadline() const;
    void enforce_max_hold();
    // Notes a contact closed at `at` (or opened), here and in the pulse.
    void note(std::size_t channel, std::optional<Instant> closed_at) noexcept;
    void record(const OutputLevel& level, const EdgeName& step_id, int slot, const EdgeName& action,
                Instant scheduled, Instant actual, bool late, bool forced);

    Clock& clock_;
    Backend& backend_;
    const Rig& rig_;
    RunRecorder& recorder_;
    const std::atomic<bool>& abort_;
    SequencerOptions options_;
    EnableWave wave_;
    std::vector<std::optional<Instant>> closed_since_;
    Instant start_; // input edges from before it belong to no part of this run
    int attempt_ = 0;
    std::string stall_;
};

} // namespace fobrig
