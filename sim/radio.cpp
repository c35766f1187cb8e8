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

Radio::Radio(double loss_probability, std::uint64_t seed, Receiver receive)
    : random_(seed), loss_(checked_probability(loss_probability)), receive_(std::move(receive)) {}

void Radio::transmit(const Telegram& telegram) {
    if (loss_(random_)) {
        ++lost_;
        return;
    }
    receive_(telegram);
}

} // namespace fobrig::sim
