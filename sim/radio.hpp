// The air between the fobs and the car: a link that loses each telegram with a probability,
// drawn from a seeded generator so that a run can be repeated exactly.
#pragma once

#include "sim/telegram.hpp"

#include <cstdint>
#include <functional>
#include <random>
#include <set>

namespace fobrig::sim {

class Radio {
public:
    using Receiver = std::function<void(const Telegram&)>;

    // Throws std::invalid_argument unless 0 <= loss_probability <= 1. The telegrams numbered
    // in `always_lost` (by their order on the air, from 1) are lost whatever the draw.
    Radio(double loss_probability, std::uint64_t seed, Receiver receive,
          std::set<std::uint64_t> always_lost = {});

    void transmit(const Telegram& telegram);
    std::uint64_t lost() const { return lost_; }

private:
    std::mt19937_64 random_;
    std::bernoulli_distribution loss_;
    Receiver receive_;
    std::set<std::uint64_t> always_lost_;
    std::uint64_t sent_ = 0;
    std::uint64_t lost_ = 0;
};

} // namespace fobrig::sim
