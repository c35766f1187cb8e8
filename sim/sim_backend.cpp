// Polarity, relays and debounced sense inputs behind the Backend interface.
#include "sim/sim_backend.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>

namespace fobrig::sim {

SimBackend::SimBackend(World& world, Clock& clock, const Rig& rig, Car& car,
                       const SimOperator& person,
                       const std::map<std::size_t, RelayFault>& stuck_relays)
    : world_(world), clock_(clock), operator_(person),
      acknowledgements_seen_(person.acknowledgements()) {
    for (std::size_t i = 0; i < rig.outputs.size(); ++i) {
        const OutputChannel& channel = rig.outputs[i];
        const auto stuck = stuck_relays.find(i);
        relays_.emplace_back(world, channel,
                             stuck == stuck_relays.end() ? RelayFault::none : stuck->second);
        // Lines start inactive, relays de-energised: an active-low line idles high.
        outputs_.push_back({.active_low = channel.active_low, .line_high = channel.active_low});
        if (channel.readback) {
            // Read-back is not debounced: its bounce is what calibration measures.
            relays_.back().contact().on_change([this, input = rig.readback_input(i)](bool closed) {
                pending_.push_back({.input = input, .active = closed, .at = world_.now()});
            });
        }
    }
    if (rig.enable) {
        supply_.emplace(world, *rig.enable);
        outputs_.push_back(
            {.active_low = rig.enable->active_low, .line_high = rig.enable->active_low});
        for (Relay& relay : relays_) {
            relay.set_powered(false);
        }
        supply_->power().on_change([this](bool on) {
            for (Relay& relay : relays_) {
                relay.set_powered(on);
            }
        });
    }
    for (std::size_t i = 0; i < rig.senses.size(); ++i) {
        const SenseInput& input = rig.senses[i];
        senses_.push_back({.active_low = input.active_low, .debounce = input.debounce});
        if (Wire* signal = car.signal(input.role)) {
            // An active car signal pulls an active-low input low.
            signal->on_change(
                [this, i](bool active) { sense_changed(i, active != senses_[i].active_low); });
        }
    }
}

void SimBackend::drive(std::span<const OutputLevel> levels) {
    for (const OutputLevel& level : levels) {
        if (level.channel >= outputs_.size()) {
            throw std::out_of_range("the rig has no output channel " +
                                    std::to_string(level.channel));
        }
    }
    // On a paced clock the world may lag real time; the lines change now.
    clock_.sleep_until(clock_.now());
    if (tripped_.load()) {
        open_all();
        return;
    }
    for (const OutputLevel& level : levels) {
        set_line(level.channel, level.active != outputs_[level.channel].active_low);
    }
    if (stall_ > Duration::zero() && std::ranges::any_of(levels, &OutputLevel::active)) {
        std::this_thread::sleep_for(std::exchange(stall_, Duration::zero()));
    }
}

// Runs no world events and so does not catch up with a paced clock: on an abort path it must
// neither block nor run the car. The contacts open from the world's last instant.
void SimBackend::open_all() noexcept {
    for (std::size_t i = 0; i < outputs_.size(); ++i) {
        set_line(i, outputs_[i].active_low);
    }
}

std::span<const InputEdge> SimBackend::wait(Instant deadline) {
    if (tripped_.load()) {
        open_all();
    }
    clock_.sleep_until(clock_.now());
    while (pending_.empty() && operator_.acknowledgements() == acknowledgements_seen_ &&
           world_.now() < deadline) {
        const auto next = world_.next_event();
        clock_.sleep_until(next && *next < deadline ? *next : deadline);
    }
    acknowledgements_seen_ = operator_.acknowledgements();
    // The two lists trade places: both keep their capacity, so a warm simulator allocates none.
    delivered_.clear();
    std::swap(delivered_, pending_);
    return delivered_;
}

void SimBackend::set_line(std::size_t channel, bool high) {
    outputs_[channel].line_high = high;
    if (channel < relays_.size()) {
        relays_[channel].set_line(high);
    } else {
        supply_->set_line(high);
    }
}

// Like the kernel's debounce: the edge is reported, and stamped, once the line has held still.
void SimBackend::sense_changed(std::size_t input, bool line_high) {
    const std::uint64_t change = ++senses_[input].changes;
    world_.after(senses_[input].debounce, [this, input, line_high, change] {
        Sense& sense = senses_[input];
        const bool active = line_high != sense.active_low;
        if (change != sense.changes || active == sense.reported) {
            return;
        }
        sense.reported = active;
        pending_.push_back({.input = input, .active = active, .at = world_.now()});
    });
}

} // namespace fobrig::sim
