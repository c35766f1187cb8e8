// The daemon's side of a counted whole run (bench/whole_run_count.hpp), as fobrigd follows a
// run: its observer, whose sink pushes each event into the event queue as RunController's does,
// and the JSON the control loop makes of each, made here once the run is over.
#pragma once

#include "rig/daemon/event_json.hpp"
#include "rig/daemon/event_observer.hpp"
#include "rig/daemon/event_queue.hpp"

#include <boost/asio/io_context.hpp>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <vector>

namespace fobrig::bench {

class DaemonFollower {
public:
    DaemonFollower();
    DaemonFollower(const DaemonFollower&) = delete;
    DaemonFollower& operator=(const DaemonFollower&) = delete;

    EventObserver& observer() { return observer_; }
    // After the run: delivers what the queue holds; how many events it dropped.
    std::uint64_t drain() { return queue_.stop(); }
    // Each event as a client receives it, in order.
    const std::vector<nlohmann::json>& events() const { return events_; }

private:
    boost::asio::io_context io_;
    EventJson json_;
    std::vector<nlohmann::json> events_;
    EventQueue queue_;
    EventObserver observer_;
};

} // namespace fobrig::bench
