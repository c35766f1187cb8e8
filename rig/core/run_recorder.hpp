// Builds a RunRecord as the run goes: names the rig's lines and appends edges and results.
#pragma once

#include "rig/core/backend.hpp"
#include "rig/core/rig_wiring.hpp"
#include "rig/core/run_observer.hpp"
#include "rig/core/run_record.hpp"

namespace fobrig {

class RunRecorder {
public:
    static constexpr std::size_t commanded_capacity = 1024;
    static constexpr std::size_t sensed_capacity = 4096;

    // Record lines: every output channel ("slot1.lock"), every sense input ("sense.lock"), then
    // every read-back line ("slot1.lock.contact"), recorded as sensed lines. Everything
    // recorded is also told to `observer`, when there is one.
    RunRecorder(const Rig& rig, RunRecord header, RunObserver* observer = nullptr);

    // Makes room for as many results as the run may record, so that appending them on the run's
    // thread allocates nothing.
    void reserve_results(std::size_t operator_steps, std::size_t checks, std::size_t attempts);

    void step_started(const StepStarted& step);
    void commanded(CommandedEdge edge);
    void sensed(int attempt, const InputEdge& edge);
    void add(OperatorRecord step);
    void add(CheckRecord check);
    void add(AttemptRecord attempt);

    const RunRecord& record() const { return record_; }
    RunRecord& record() { return record_; }

private:
    std::vector<std::size_t> input_lines_; // the record line of each backend input
    RunRecord record_;
    RunObserver* observer_;
};

} // namespace fobrig
