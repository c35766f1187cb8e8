// The event queue as a binary heap on (time, order of scheduling).
#include "sim/world.hpp"

#include <algorithm>

namespace fobrig::sim {

bool World::later(const Event& a, const Event& b) {
    return a.at != b.at ? a.at > b.at : a.sequence > b.sequence;
}

void World::at(Instant t, std::function<void()> event) {
    queue_.push_back({std::max(t, now_), next_sequence_++, std::move(event)});
    std::push_heap(queue_.begin(), queue_.end(), later);
}

std::optional<Instant> World::next_event() const {
    if (queue_.empty()) {
        return std::nullopt;
    }
    return queue_.front().at;
}

void World::run_until(Instant t) {
    while (!queue_.empty() && queue_.front().at <= t) {
        std::pop_heap(queue_.begin(), queue_.end(), later);
        Event event = std::move(queue_.back());
        queue_.pop_back();
        now_ = event.at;
        event.run();
    }
    now_ = std::max(now_, t);
}

} // namespace fobrig::sim
