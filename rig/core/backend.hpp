// How lines are driven and read: the simulator or libgpiod behind one interface.
// Channels and inputs are indices into the rig's outputs and senses; levels are logical
// (true = contact closed / car signal active); the backend applies polarity.
#pragma once

#include "rig/core/time.hpp"

#include <cstddef>
#include <span>

namespace fobrig {

struct OutputLevel {
    std::size_t channel = 0;
    bool active = false;
};

struct InputEdge {
    std::size_t input = 0;
    bool active = false;
    Instant at{};
};

class Backend {
public:
    virtual ~Backend() = default;
    // All changes in one call land together: a chord is one edge.
    virtual void drive(std::span<const OutputLevel> levels) = 0;
    // Opens every contact. Safe to call at any time, more than once, from any exit path.
    virtual void open_all() noexcept = 0;
    // Blocks until an input edge arrives, the operator acknowledges, or `deadline`;
    // returns the input edges seen since the last call (possibly none), in order, in storage
    // the backend keeps and reuses: valid until the next call, so that waiting on the run's
    // thread allocates nothing.
    virtual std::span<const InputEdge> wait(Instant deadline) = 0;
};

// Opens every contact when a scope ends, by return or by exception.
struct OpenAllOnExit {
    Backend& backend;
    ~OpenAllOnExit() { backend.open_all(); }
};

} // namespace fobrig
