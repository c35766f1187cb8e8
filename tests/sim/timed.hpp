// A value a test saw, with when it saw it (from the test's start).
#pragma once

#include "rig/core/time.hpp"

namespace fobrig::sim::fixture {

template <typename T> struct Timed {
    Duration at{};
    T value{};
    bool operator==(const Timed&) const = default;
};

} // namespace fobrig::sim::fixture
