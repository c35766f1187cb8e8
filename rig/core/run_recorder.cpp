// Names the rig's lines for the record, and appends what the run did and saw.
#include "rig/core/run_recorder.hpp"

namespace fobrig {

RunRecorder::RunRecorder(const Rig& rig, RunRecord header, RunObserver* observer)
    : input_lines_(rig.senses.size() + rig.outputs.size()), record_(std::move(header)),
      observer_(observer) {
    for (const auto& out : rig.outputs) {
        record_.lines.push_back({.name = channel_name(out), .output = true});
    }
    for (std::size_t i = 0; i < rig.senses.size(); ++i) {
        input_lines_[i] = record_.lines.size();
        record_.lines.push_back({.name = "sense." + rig.senses[i].role, .output = false});
    }
    for (std::size_t i = 0; i < rig.outputs.size(); ++i) {
        if (rig.outputs[i].readback) {
            input_lines_[rig.readback_input(i)] = record_.lines.size();
            record_.lines[i].contact = record_.lines.size();
            record_.lines.push_back(
                {.name = channel_name(rig.outputs[i]) + ".contact", .output = false});
        }
    }
    if (rig.enable) {
        record_.interlock = InterlockRecord{.line = rig.enable->line.chip + ":" +
                                                    std::to_string(rig.enable->line.offset),
                                            .period = rig.enable->period,
                                            .hold = rig.enable->hold};
    }
    if (observer_) {
        observer_->run_started(record_);
    }
}

void RunRecorder::step_started(const StepStarted& step) {
    if (observer_) {
        observer_->step_started(step);
    }
}

// Each kind of item is appended to its list in the record, then told to the observer.
template <class Item, class Notify>
void append(std::vector<Item>& list, Item item, RunObserver* observer, Notify notify) {
    list.push_back(std::move(item));
    if (observer) {
        (observer->*notify)(list.back());
    }
}

void RunRecorder::commanded(CommandedEdge edge) {
    append(record_.commanded, std::move(edge), observer_, &RunObserver::commanded);
}

void RunRecorder::sensed(int attempt, const InputEdge& edge) {
    append(record_.sensed,
           SensedEdge{.attempt = attempt,
                      .line = input_lines_.at(edge.input),
                      .active = edge.active,
                      .at = edge.at},
           observer_, &RunObserver::sensed);
}

void RunRecorder::add(OperatorRecord step) {
    append(record_.operator_steps, std::move(step), observer_, &RunObserver::operator_done);
}

void RunRecorder::add(CheckRecord check) {
    append(record_.checks, std::move(check), observer_, &RunObserver::checked);
}

void RunRecorder::add(AttemptRecord attempt) {
    append(record_.attempts, std::move(attempt), observer_, &RunObserver::attempt_ended);
}

} // namespace fobrig
