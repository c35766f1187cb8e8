// Dropping telegrams by seeded draws.
#include "sim/radio.hpp"

#include <stdexcept>
#include <string>

namespace fobrig::sim {
namespace {

double checked_probability(double p) {
    if (!(p >= 0.0 && p <= 1.0)) {
        throw std::invalid_argument("telegram loss probability must be within [0, 1], not " +
                                    std::to_string(p));
    }
    return p;
}

} // namespace

Radio::Radio(double loss_probability, std::uint64_t seed, Receiver receive,
             std::set<std::uint64_t> always_lost)
    : random_(seed), loss_(checked_probability(loss_probability)), receive_(std::move(receive)),
      always_lost_(std::move(always_lost)) {}

void Radio::transmit(const Telegram& telegram) {
    // The draw is made for every telegram, so that a given loss leaves the others' draws as
    // they were.
    const bool drawn = loss_(random_);
    if (drawn || always_lost_.contains(++sent_)) {
        ++lost_;
        return;
    }
    receive_(telegram);
}

} // namespace fobrig::sim
