// One signal between simulated parts (a relay contact, a car output, the ignition switch):
// a level, and whoever listens to its changes.
#pragma once

#include <functional>
#include <vector>

namespace fobrig::sim {

class Wire {
public:
    using Listener = std::function<void(bool level)>;

    Wire() = default;
    // Listeners hold references to the parts a wire joins, so a wire stays where it is.
    Wire(const Wire&) = delete;
    Wire& operator=(const Wire&) = delete;

    bool level() const { return level_; }
    // Listeners hear changes only: setting the level a wire already has is no edge.
    void set(bool level);
    void on_change(Listener listener) { listeners_.push_back(std::move(listener)); }

private:
    bool level_ = false;
    std::vector<Listener> listeners_;
};

} // namespace fobrig::sim
