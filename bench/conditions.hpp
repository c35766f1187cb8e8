// The conditions the benchmark measures under: an idle machine, stress-ng on every core, and
// clients hammering the daemon's control socket.
#pragma once

#include "bench/placement.hpp"

#include <functional>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace fobrig::bench {

// A background load, running for as long as the object lives.
class Load {
public:
    virtual ~Load() = default;
};

// The load, or why this condition cannot be measured here (a tool the machine lacks).
using LoadOrReason = std::variant<std::unique_ptr<Load>, std::string>;

struct Condition {
    std::string name;
    std::string description;
    std::function<LoadOrReason(const Placement&)> start;
};

std::vector<Condition> conditions();

} // namespace fobrig::bench
