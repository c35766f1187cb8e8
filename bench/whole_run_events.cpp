#include "bench/whole_run_events.hpp"

namespace fobrig::bench {

DaemonFollower::DaemonFollower()
    : json_(TargetRecord{.simulated = true}),
      queue_(io_, [this](const RunEvent& event) { events_.push_back(json_(event)); }),
      observer_([this](const RunEvent& event) { queue_.push(event); }) {
    queue_.start();
}

} // namespace fobrig::bench
