// A discrete-event queue: the one timeline that the simulated car, fobs, relays and operator share.
#pragma once

#include "rig/core/time.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace fobrig::sim {

class World {
public:
    explicit World(Instant start) : now_(start) {}
    World(const World&) = delete;
    World& operator=(const World&) = delete;

    Instant now() const { return now_; }
    // An event for a time already past runs at now(), at the next run_until.
    void at(Instant t, std::function<void()> event);
    void after(Duration d, std::function<void()> event) { at(now_ + d, std::move(event)); }
    std::optional<Instant> next_event() const;
    // Runs every event due by `t` in time order (equal times in the order they were
    // scheduled, including events those events schedule), then stands at `t`.
    // Time never goes backwards: an earlier `t` runs nothing.
    void run_until(Instant t);

private:
    struct Event {
        Instant at;
        std::uint64_t sequence = 0;
        std::function<void()> run;
    };
    static bool later(const Event& a, const Event& b);

    Instant now_;
    std::uint64_t next_sequence_ = 0;
    std::vector<Event> queue_; // a min-heap on (at, sequence)
};

} // namespace fobrig::sim
