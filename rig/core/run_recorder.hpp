// Builds a RunRecord as the run goes: names the rig's lines and appends edges and results.
#pragma once

#include "rig/core/backend.hpp"
#include "rig/core/rig_wiring.hpp"
#include "rig/core/run_record.hpp"

namespace fobrig {

class RunRecorder {
public:
    // Record lines: every output channel ("slot1.lock"), then every sense input ("sense.lock").
    RunRecorder(const Rig& rig, RunRecord header);

    void commanded(CommandedEdge edge) { record_.commanded.push_back(std::move(edge)); }
    void sensed(int attempt, const InputEdge& edge);
    void add(OperatorRecord step) { record_.operator_steps.push_back(std::move(step)); }
    void add(CheckRecord check) { record_.checks.push_back(std::move(check)); }
    void add(AttemptRecord attempt) { record_.attempts.push_back(std::move(attempt)); }

    const RunRecord& record() const { return record_; }
    RunRecord& record() { return record_; }

private:
    std::size_t outputs_ = 0;
    RunRecord record_;
};

} // namespace fobrig
