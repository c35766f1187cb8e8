// Hears a run as it happens, for whoever follows it live (the daemon's subscribers).
// Called on the run's own thread: an observer must hand events over and return at once.
#pragma once

#include "rig/core/run_record.hpp"

#include <string>

namespace fobrig {

struct StepStarted {
    int attempt = 0;
    std::string step_id;
    std::string title;
    int slot = 0; // 0 for a step that is not about one fob
    // For progress ("step 2 of 5, attempt 1 of 3"): among the steps this run plays.
    int step_number = 0;
    int step_count = 0;
    int attempt_count = 0;
};

class RunObserver {
public:
    virtual ~RunObserver() = default;
    // The record's header: its id, t0 and line names, before anything else.
    virtual void run_started(const RunRecord&) {}
    virtual void step_started(const StepStarted&) {}
    virtual void commanded(const CommandedEdge&) {}
    virtual void sensed(const SensedEdge&) {}
    virtual void operator_done(const OperatorRecord&) {}
    virtual void checked(const CheckRecord&) {}
    virtual void attempt_ended(const AttemptRecord&) {}
};

} // namespace fobrig
