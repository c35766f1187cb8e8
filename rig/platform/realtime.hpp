// Puts the thread that plays edges in real-time shape: SCHED_FIFO at a priority, memory locked,
// timer slack at its minimum. Without the privilege the run goes on, with one clear warning.
#pragma once

#include "rig/core/run_record.hpp"

#include <functional>
#include <string>

namespace fobrig::platform {

struct RealtimeOptions {
    // SCHED_FIFO 1-99. Above the kernel's threaded interrupts (50 on PREEMPT_RT) would starve
    // them while spinning; the spin is short, and cyclictest's customary 80 is the comparison.
    int priority = 80;
};

// The system calls, each returning 0 or an errno; tests replace them to refuse.
struct RealtimeCalls {
    std::function<int(int priority)> set_fifo; // the calling thread
    std::function<int()> lock_memory;          // the whole process, now and future pages
    std::function<int()> minimise_timer_slack; // the calling thread: 1 ns
};

RealtimeCalls linux_realtime_calls();

struct RealtimeReport {
    int priority = 0;
    bool fifo = false;
    bool memory_locked = false;
    bool timer_slack = false;
    std::string refused; // "SCHED_FIFO 80: Operation not permitted; ...", empty when none was

    bool granted() const { return fifo && memory_locked && timer_slack; }
    // What was set, or the one-line warning when something was refused.
    std::string summary() const;
    RealtimeRecord record() const { return {.granted = granted(), .detail = summary()}; }
};

// Applies every setting it can to the calling thread and says which took.
RealtimeReport make_realtime(const RealtimeOptions& options,
                             const RealtimeCalls& calls = linux_realtime_calls());

// Runs `work` on a new thread set up by make_realtime (logging the warning once, before any
// edge, when something was refused), waits for it and rethrows what it threw.
RealtimeReport run_on_realtime_thread(const RealtimeOptions& options,
                                      const std::function<void()>& work,
                                      const RealtimeCalls& calls = linux_realtime_calls());

} // namespace fobrig::platform
