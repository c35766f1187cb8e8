// What every simulated car shares: its signals and switches, hearing fobs (rolling codes, a
// release as a silence), answering known ones, and its key table's policy.
#include "sim/car.hpp"

#include <algorithm>
#include <stdexcept>

namespace fobrig::sim {

Car::Car(World& world, ReceiverProfile receiver, const std::vector<std::string>& switches,
         const std::vector<std::string>& sounds)
    : world_(world), receiver_(receiver), switches_{"ignition"} {
    switches_.insert(switches_.end(), switches.begin(), switches.end());
    for (const char* answer : {"lock", "unlock", "indicator"}) {
        signals_.try_emplace(answer);
    }
    for (const auto& role : sounds) {
        signals_.try_emplace(role);
    }
    for (const auto& role : switches_) {
        signals_.try_emplace(role);
    }
    for (const char* role : every_cars_switches) {
        signals_.try_emplace(role);
    }
}

bool Car::has_switch(const std::string& role) const {
    return std::ranges::find(switches_, role) != switches_.end() ||
           std::ranges::find(every_cars_switches, role) != every_cars_switches.end();
}

bool Car::work(const std::string& role, bool on) {
    if (!has_switch(role)) {
        return false;
    }
    Wire& wire = signals_.at(role);
    if (wire.level() != on) {
        wire.set(on);
        if (std::ranges::find(switches_, role) != switches_.end()) {
            switch_changed(role, on);
        } else if (on) {
            // It moves, and the receiver takes no notice: what a procedure for another car
            // did here.
            note((role == "door" ? "the driver's door opened" : "the key was inserted") +
                 std::string(", which this car's ritual does not use"));
        }
    }
    return true;
}

Wire* Car::signal(const std::string& role) {
    const auto it = signals_.find(role);
    return it == signals_.end() ? nullptr : &it->second;
}

void Car::preload_key(std::uint32_t fob, std::uint32_t counter) {
    if (!programmed(fob)) {
        if (key_table_.size() >= receiver_.key_table_size) {
            throw std::length_error("the car's key table is full");
        }
        key_table_.push_back(fob);
    }
    rolling_[fob] = {.accepted = counter};
}

void Car::receive(const Telegram& telegram) {
    if (receiver_dead_) {
        return;
    }
    const std::uint32_t fob = telegram.fob_id;
    if (!learning() && programmed(fob) && !accept_counter(fob, telegram.counter)) {
        return;
    }
    Heard& heard = heard_[fob];
    const ButtonMask from = heard.buttons;
    heard = {telegram.buttons, world_.now(), telegram.counter};
    world_.after(receiver_.release_timeout, [this, fob] { notice_release(fob); });
    if (from != telegram.buttons) {
        buttons_changed(fob, from, telegram.buttons);
    }
}

// The fob counts every telegram, so the telegrams of one held press have consecutive counters:
// a resync needs the next press (after a silence as long as a release) to continue the count.
bool Car::accept_counter(std::uint32_t fob, std::uint32_t counter) {
    Rolling& rolling = rolling_[fob];
    const std::uint32_t ahead = counter - rolling.accepted; // wraps as the counter does
    const bool next_press = rolling.pending && counter == *rolling.pending + 1 &&
                            world_.now() - rolling.pending_at >= receiver_.release_timeout;
    if ((ahead >= 1 && ahead <= receiver_.counter_window) ||
        (ahead <= receiver_.resync_window && next_press)) {
        rolling = {.accepted = counter};
        return true;
    }
    if (ahead >= 1 && ahead <= receiver_.resync_window) {
        rolling.pending = counter;
        rolling.pending_at = world_.now();
    }
    return false;
}

// A fob sends nothing when its buttons are let go: silence is the release.
void Car::notice_release(std::uint32_t fob) {
    Heard& heard = heard_[fob];
    if (!heard.buttons.any() || world_.now() - heard.last < receiver_.release_timeout) {
        return;
    }
    const ButtonMask from = heard.buttons;
    heard.buttons = {};
    buttons_changed(fob, from, {});
}

void Car::answer(std::uint32_t fob, ButtonMask buttons) {
    const bool lock_or_unlock =
        buttons == ButtonMask{.lock = true} || buttons == ButtonMask{.unlock = true};
    if (!programmed(fob)) {
        if (lock_or_unlock) {
            note("a remote the car does not hold pressed lock or unlock outside its programming "
                 "mode: no answer");
        }
        return;
    }
    if (buttons == ButtonMask{.lock = true}) {
        signal_lock(receiver_.response_delay);
    } else if (buttons == ButtonMask{.unlock = true}) {
        signal_unlock(receiver_.response_delay);
    }
}

bool Car::learn(std::uint32_t fob) {
    if (learned_this_session_.empty() && receiver_.policy == KeyTablePolicy::session_erases_all) {
        erase_keys();
    }
    if (!programmed(fob)) {
        if (key_table_.size() >= receiver_.key_table_size) {
            if (receiver_.policy != KeyTablePolicy::stacking) {
                note("the key table is full (" + std::to_string(receiver_.key_table_size) +
                     " keys): the car learned no more");
                return false;
            }
            rolling_.erase(key_table_.front());
            key_table_.erase(key_table_.begin());
        }
        key_table_.push_back(fob);
        learned_this_session_.push_back(fob);
    }
    rolling_[fob] = {.accepted = heard_[fob].counter};
    return true;
}

void Car::learn_into(std::size_t slot, std::uint32_t fob) {
    std::erase(key_table_, fob);
    if (slot < key_table_.size()) {
        rolling_.erase(key_table_[slot]);
        key_table_[slot] = fob;
    } else {
        key_table_.push_back(fob);
    }
    learned_this_session_.push_back(fob);
    rolling_[fob] = {.accepted = heard_[fob].counter};
}

void Car::signal_lock(Duration delay) {
    pulse(signals_.at("lock"), delay);
    repeat("indicator", 1, delay);
}

void Car::signal_unlock(Duration delay) {
    pulse(signals_.at("unlock"), delay);
    repeat("indicator", 2, delay);
}

void Car::cycle_locks(LockCycle cycle) {
    signal_lock(cycle.delay);
    signal_unlock(cycle.delay + receiver_.pulse_length + cycle.gap);
}

void Car::repeat(const std::string& role, int times, Duration delay) {
    Wire* wire = signal(role);
    for (int i = 0; wire && i < times; ++i) {
        const Duration on = delay + i * (receiver_.flash_on + receiver_.flash_off);
        world_.after(on, [wire] { wire->set(true); });
        world_.after(on + receiver_.flash_on, [wire] { wire->set(false); });
    }
}

void Car::pulse(Wire& signal, Duration delay) {
    world_.after(delay, [&signal] { signal.set(true); });
    world_.after(delay + receiver_.pulse_length, [&signal] { signal.set(false); });
}

void Car::note(std::string why) {
    // A note once for a run of the same thing (every press of an unknown remote, say).
    if (notes_.empty() || notes_.back() != why) {
        notes_.push_back(std::move(why));
    }
}

bool Car::programmed(std::uint32_t fob) const {
    return std::find(key_table_.begin(), key_table_.end(), fob) != key_table_.end();
}

} // namespace fobrig::sim
