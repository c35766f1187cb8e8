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
    // Appending an edge on the run's thread must not allocate: room for the longest shipped
    // session (eight fobs, three attempts, every verify pressed three times) is made here. A
    // longer one grows the lists, an allocation between edges, never a fault.
    record_.commanded.reserve(commanded_capacity);
    record_.sensed.reserve(sensed_capacity);
    record_.interlock = interlock_record(rig);
    if (observer_) {
        observer_->run_started(record_);
    }
}

void RunRecorder::reserve_results(std::size_t operator_steps, std::size_t checks,
                                  std::size_t attempts) {
    record_.operator_steps.reserve(operator_steps);
    record_.checks.reserve(checks);
    record_.attempts.reserve(attempts);
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
