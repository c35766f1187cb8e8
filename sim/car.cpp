// The receiver's state machine: normal answers, the ritual's modes, learning and erasing keys.
#include "sim/car.hpp"

#include <algorithm>
#include <stdexcept>

namespace fobrig::sim {
namespace {

constexpr ButtonMask lock_only{.lock = true};
constexpr ButtonMask unlock_only{.unlock = true};
constexpr ButtonMask lock_and_unlock{.lock = true, .unlock = true};

bool programming(CarMode mode) {
    return mode == CarMode::armed || mode == CarMode::holding || mode == CarMode::session;
}

// In programming mode the car learns whatever it hears; answering, it checks rolling codes.
bool answering(CarMode mode) {
    return mode == CarMode::normal || mode == CarMode::ignition_on;
}

} // namespace

Car::Car(World& world, CarProfile profile) : world_(world), profile_(profile) {}

void Car::preload_key(std::uint32_t fob, std::uint32_t counter) {
    if (!programmed(fob)) {
        if (key_table_.size() >= profile_.key_table_size) {
            throw std::length_error("the car's key table is full");
        }
        key_table_.push_back(fob);
    }
    rolling_[fob] = {.accepted = counter};
}

Wire* Car::signal(const std::string& role) {
    if (role == "lock") {
        return &lock_;
    }
    if (role == "unlock") {
        return &unlock_;
    }
    if (role == "indicator") {
        return &indicator_;
    }
    if (role == "ignition") {
        return &ignition_;
    }
    return nullptr;
}

void Car::set_ignition(bool on) {
    if (on == ignition_.level()) {
        return;
    }
    ignition_.set(on);
    if (on) {
        // Ignition on after a key was learned finalises; otherwise the ritual starts over.
        if (programming(mode_) && !learned_this_session_.empty()) {
            enter(CarMode::normal);
        } else {
            enter(CarMode::ignition_on);
            ignition_on_since_ = world_.now();
        }
        return;
    }
    if (mode_ != CarMode::ignition_on) {
        return;
    }
    if (world_.now() - ignition_on_since_ > profile_.ignition_on_max + profile_.limit_tolerance) {
        enter(CarMode::normal);
        return;
    }
    learned_this_session_.clear();
    await_hold(CarMode::armed);
}

void Car::receive(const Telegram& telegram) {
    if (receiver_dead_) {
        return;
    }
    const std::uint32_t fob = telegram.fob_id;
    if (answering(mode_) && programmed(fob) && !accept_counter(fob, telegram.counter)) {
        return;
    }
    Heard& heard = heard_[fob];
    const ButtonMask from = heard.buttons;
    heard = {telegram.buttons, world_.now(), telegram.counter};
    world_.after(profile_.release_timeout, [this, fob] { notice_release(fob); });
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
                            world_.now() - rolling.pending_at >= profile_.release_timeout;
    if ((ahead >= 1 && ahead <= profile_.counter_window) ||
        (ahead <= profile_.resync_window && next_press)) {
        rolling = {.accepted = counter};
        return true;
    }
    if (ahead >= 1 && ahead <= profile_.resync_window) {
        rolling.pending = counter;
        rolling.pending_at = world_.now();
    }
    return false;
}

// A fob sends nothing when its buttons are let go: silence is the release.
void Car::notice_release(std::uint32_t fob) {
    Heard& heard = heard_[fob];
    if (!heard.buttons.any() || world_.now() - heard.last < profile_.release_timeout) {
        return;
    }
    const ButtonMask from = heard.buttons;
    heard.buttons = {};
    buttons_changed(fob, from, {});
}

void Car::buttons_changed(std::uint32_t fob, ButtonMask from, ButtonMask to) {
    switch (mode_) {
    case CarMode::normal:
    case CarMode::ignition_on:
        answer(fob, to);
        break;
    case CarMode::armed:
    case CarMode::session:
        hold_started(fob, from, to);
        break;
    case CarMode::holding:
        if (fob == holding_fob_) {
            hold_changed(from, to);
        }
        break;
    }
}

void Car::answer(std::uint32_t fob, ButtonMask buttons) {
    if (!programmed(fob)) {
        return;
    }
    if (buttons == lock_only) {
        signal_lock(profile_.response_delay);
    } else if (buttons == unlock_only) {
        signal_unlock(profile_.response_delay);
    }
}

void Car::hold_started(std::uint32_t fob, ButtonMask from, ButtonMask to) {
    if (from.any()) {
        return; // a hold starts from a fob at rest
    }
    if (to == unlock_only) {
        start_hold(fob, 0);
    } else if (to == lock_and_unlock && profile_.chord_counts_as_press) {
        start_hold(fob, 1);
    } else if (to == lock_and_unlock) {
        notes_.push_back("a hold that began with lock and unlock together: the car counts "
                         "only from unlock held alone");
    }
}

void Car::start_hold(std::uint32_t fob, int presses) {
    enter(CarMode::holding);
    holding_fob_ = fob;
    presses_ = presses;
    last_tap_ = world_.now();
    unless_changed(profile_.presses_within + profile_.limit_tolerance, [this] {
        if (presses_ < profile_.lock_presses) {
            drop_hold(std::to_string(presses_) + " lock presses within " +
                      duration_text(profile_.presses_within) + ", the car counts " +
                      std::to_string(profile_.lock_presses));
        }
    });
}

void Car::hold_changed(ButtonMask from, ButtonMask to) {
    if (!to.any()) {
        if (presses_ == profile_.lock_presses) {
            learn();
        } else {
            drop_hold(std::to_string(presses_) + " lock presses, the car counts " +
                      std::to_string(profile_.lock_presses));
        }
        return;
    }
    if (to == unlock_only) {
        return; // lock lifted between presses
    }
    if (to == lock_and_unlock && from == unlock_only) {
        count_tap(); // one too many fails at the release
        return;
    }
    drop_hold("unlock let go while lock was held, or another button pressed");
}

void Car::count_tap() {
    const Duration gap = world_.now() - last_tap_;
    last_tap_ = world_.now();
    if (presses_ > 0 && gap < profile_.min_tap_gap) {
        notes_.push_back("a lock tap " + duration_text(gap) + " after the previous one, under " +
                         duration_text(profile_.min_tap_gap) + ": not counted");
        return;
    }
    ++presses_;
}

void Car::drop_hold(std::string why) {
    notes_.push_back(std::move(why));
    // Keys already learned in this session stay, and the session waits for the next key as it
    // did before the botched hold: one fob with a broken button does not end it for the rest.
    if (learned_this_session_.empty()) {
        enter(CarMode::normal);
    } else {
        await_hold(CarMode::session);
    }
}

void Car::learn() {
    // The article's complaint: programming one key de-programs every key not programmed with it.
    if (learned_this_session_.empty()) {
        key_table_.clear();
        rolling_.clear();
    }
    if (!programmed(holding_fob_)) {
        if (key_table_.size() >= profile_.key_table_size) {
            enter(CarMode::normal);
            return;
        }
        key_table_.push_back(holding_fob_);
        learned_this_session_.push_back(holding_fob_);
    }
    rolling_[holding_fob_] = {.accepted = heard_[holding_fob_].counter};
    signal_lock(profile_.confirm_delay);
    signal_unlock(profile_.confirm_delay + profile_.pulse_length + profile_.confirm_gap);
    await_hold(CarMode::session);
}

void Car::await_hold(CarMode mode) {
    enter(mode);
    unless_changed(profile_.hold_within + profile_.limit_tolerance,
                   [this] { enter(CarMode::normal); });
}

void Car::enter(CarMode mode) {
    mode_ = mode;
    ++mode_epoch_;
}

void Car::unless_changed(Duration d, std::function<void()> then) {
    world_.after(d, [this, epoch = mode_epoch_, then = std::move(then)] {
        if (epoch == mode_epoch_) {
            then();
        }
    });
}

void Car::signal_lock(Duration delay) {
    pulse(lock_, delay);
    flash(1, delay);
}

void Car::signal_unlock(Duration delay) {
    pulse(unlock_, delay);
    flash(2, delay);
}

void Car::flash(int times, Duration delay) {
    for (int i = 0; i < times; ++i) {
        const Duration on = delay + i * (profile_.flash_on + profile_.flash_off);
        world_.after(on, [this] { indicator_.set(true); });
        world_.after(on + profile_.flash_on, [this] { indicator_.set(false); });
    }
}

void Car::pulse(Wire& signal, Duration delay) {
    world_.after(delay, [&signal] { signal.set(true); });
    world_.after(delay + profile_.pulse_length, [&signal] { signal.set(false); });
}

bool Car::programmed(std::uint32_t fob) const {
    return std::find(key_table_.begin(), key_table_.end(), fob) != key_table_.end();
}

} // namespace fobrig::sim
