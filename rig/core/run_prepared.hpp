// What a run hands out between its edges, made before its first: for each step its progress
// event, its prompt and the car's clock, the car's answer watches, the records its steps end
// with (their texts copied from the procedure, room made for their reasons: text_append.hpp),
// each attempt's state and the plan that drives held contacts. Between its sequences the run's
// thread fills in times, counts and slots and hands these on, moving or reusing them: nothing of it
// allocates. Internal to programming_run*.
#pragma once

#include "rig/core/confirmation_watch.hpp"
#include "rig/core/operator_console.hpp"
#include "rig/core/programming_run_state.hpp"
#include "rig/core/run_plans.hpp"

#include <utility>
#include <vector>

namespace fobrig {

class RunPrepared {
public:
    // Also makes room in `recorder`'s record for every result the run may record.
    RunPrepared(const RunRequest& request, const RunPlans& plans, RunRecorder& recorder);

    // The step's progress event, its attempt and slot to be set.
    StepStarted& started(const Step& step) { return steps_[index(step)].started; }
    // An operator step's prompt and car clock, their deadline (and count) to be set.
    OperatorPrompt& prompt(const Step& step) { return steps_[index(step)].prompt; }
    CarClock& car_clock(const Step& step) { return steps_[index(step)].clock; }
    // The watch of `confirm`: a played way's or an operator step's answer.
    ConfirmationWatch& watch(const Confirmation& confirm);
    // The record the step ends with at `attempt`, with its id and texts (for `fob`, an index
    // into the request's fobs, or none): moved out, once.
    OperatorRecord take_operator_record(int attempt, const Step& step);
    CheckRecord take_check(int attempt, const Step& step, std::optional<std::size_t> fob);
    AttemptRecord take_attempt_record(int number) {
        return std::move(attempt_records_.at(static_cast<std::size_t>(number - 1)));
    }
    // Attempt `number`'s state, as it begins.
    AttemptState& attempt(int number) { return attempts_.at(static_cast<std::size_t>(number - 1)); }
    // Every attempt's state, of which the first `made` were played.
    std::vector<AttemptState>& attempts() { return attempts_; }
    // The plan of one edge on held contacts, room made for every output.
    SequencePlan& hold_plan() { return hold_plan_; }

private:
    struct PreparedStep {
        StepStarted started;
        OperatorPrompt prompt;
        CarClock clock;
    };
    std::size_t index(const Step& step) const {
        return static_cast<std::size_t>(&step - procedure_.steps.data());
    }
    std::size_t record_index(int attempt, const Step& step, std::size_t fob = 0) const;

    const Procedure& procedure_;
    std::size_t fob_count_;
    std::vector<PreparedStep> steps_;
    std::vector<std::pair<const Confirmation*, ConfirmationWatch>> watches_;
    std::vector<OperatorRecord> operator_records_; // by attempt, then step
    std::vector<CheckRecord> checks_;              // by attempt, then step, then fob (first: none)
    std::vector<AttemptState> attempts_;
    std::vector<AttemptRecord> attempt_records_;
    SequencePlan hold_plan_;
};

} // namespace fobrig
