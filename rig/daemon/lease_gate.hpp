// Fleet work drives lines only while the rig's lease runs, checked on the run's own thread: a
// rig stopped past its lease (SIGSTOP, a frozen machine) and then continued presses nothing,
// whichever of its threads the kernel wakes first. Between the run and the rig's backend; the
// lease's end is on the monotonic clock the lease is counted on, whatever clock the run uses.
#pragma once

#include "rig/core/backend.hpp"

#include <atomic>
#include <functional>
#include <optional>
#include <stdexcept>

namespace fobrig {

// What a closing asked after the lease ended meets: nothing was driven.
struct LeaseLapsed : std::runtime_error {
    LeaseLapsed();
};

class LeaseGate final : public Backend {
public:
    // `stop`: called on the run's thread when the lease is found over, to stop the run the
    // way an abort does (it must only set flags).
    LeaseGate(Backend& lines, std::function<void()> stop);

    // A new run drives until `until` (a fleet run under a lease), or without end (none).
    void begin(std::optional<Instant> until);
    // The lease was renewed until `until`. A permit already over stays over, even if the run's
    // thread has not noticed yet: a renewal that waited at the broker while the rig was stopped
    // never revives the run that its lease's end stopped.
    void extend(Instant until);
    // Whether the lease ended under the run.
    bool lapsed() const { return lapsed_.load(); }

    void drive(std::span<const OutputLevel> levels) override;
    void open_all() noexcept override { lines_.open_all(); }
    std::span<const InputEdge> wait(Instant deadline) override;

private:
    // True (and the run stopped) once the permit is over.
    bool over();
    void lapse();

    Backend& lines_;
    std::function<void()> stop_;
    std::atomic<Instant::rep> until_;
    std::atomic<bool> lapsed_{false};
};

} // namespace fobrig
