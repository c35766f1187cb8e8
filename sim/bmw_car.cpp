// The BMW ritual's state machine: normal answers, the ritual's modes, learning keys.
#include "sim/bmw_car.hpp"

namespace fobrig::sim {
namespace {

constexpr ButtonMask lock_only{.lock = true};
constexpr ButtonMask unlock_only{.unlock = true};
constexpr ButtonMask lock_and_unlock{.lock = true, .unlock = true};

bool programming(CarMode mode) {
    return mode == CarMode::armed || mode == CarMode::holding || mode == CarMode::session;
}

} // namespace

CarMaker bmw_car(BmwProfile profile) {
    return [profile](World& world) { return std::make_unique<BmwCar>(world, profile); };
}

BmwCar::BmwCar(World& world, BmwProfile profile)
    : Car(world, profile.receiver), profile_(profile) {}

void BmwCar::switch_changed(const std::string&, bool on) {
    if (on) {
        // Ignition on after a key was learned finalises; otherwise the ritual starts over.
        if (programming(mode_) && !learned_this_session().empty()) {
            enter(CarMode::normal);
        } else {
            enter(CarMode::ignition_on);
            ignition_on_since_ = world().now();
        }
        return;
    }
    if (mode_ != CarMode::ignition_on) {
        return;
    }
    if (world().now() - ignition_on_since_ >
        profile_.ignition_on_max + profile_.receiver.limit_tolerance) {
        enter(CarMode::normal);
        return;
    }
    begin_session();
    await_hold(CarMode::armed);
}

// In programming mode the car learns whatever it hears; answering, it checks rolling codes.
bool BmwCar::learning() const {
    return programming(mode_);
}

void BmwCar::buttons_changed(std::uint32_t fob, ButtonMask from, ButtonMask to) {
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

void BmwCar::hold_started(std::uint32_t fob, ButtonMask from, ButtonMask to) {
    if (from.any()) {
        return; // a hold starts from a fob at rest
    }
    if (to == unlock_only) {
        start_hold(fob, 0);
    } else if (to == lock_and_unlock && profile_.chord_counts_as_press) {
        start_hold(fob, 1);
    } else if (to == lock_and_unlock) {
        note("a hold that began with lock and unlock together: the car counts "
             "only from unlock held alone");
    }
}

void BmwCar::start_hold(std::uint32_t fob, int presses) {
    enter(CarMode::holding);
    holding_fob_ = fob;
    presses_ = presses;
    last_tap_ = world().now();
    unless_changed(profile_.presses_within + profile_.receiver.limit_tolerance, [this] {
        if (presses_ < profile_.lock_presses) {
            drop_hold(std::to_string(presses_) + " lock presses within " +
                      duration_text(profile_.presses_within) + ", the car counts " +
                      std::to_string(profile_.lock_presses));
        }
    });
}

void BmwCar::hold_changed(ButtonMask from, ButtonMask to) {
    if (!to.any()) {
        if (presses_ == profile_.lock_presses) {
            learn_held();
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

void BmwCar::count_tap() {
    const Duration gap = world().now() - last_tap_;
    last_tap_ = world().now();
    if (presses_ > 0 && gap < profile_.min_tap_gap) {
        note("a lock tap " + duration_text(gap) + " after the previous one, under " +
             duration_text(profile_.min_tap_gap) + ": not counted");
        return;
    }
    ++presses_;
}

void BmwCar::drop_hold(std::string why) {
    note(std::move(why));
    // Keys already learned in this session stay, and the session waits for the next key as it
    // did before the botched hold: one fob with a broken button does not end it for the rest.
    if (learned_this_session().empty()) {
        enter(CarMode::normal);
    } else {
        await_hold(CarMode::session);
    }
}

void BmwCar::learn_held() {
    // The article's complaint: programming one key de-programs every key not programmed with it.
    if (!learn(holding_fob_)) {
        enter(CarMode::normal);
        return;
    }
    cycle_locks({.delay = profile_.confirm_delay, .gap = profile_.confirm_gap});
    await_hold(CarMode::session);
}

void BmwCar::await_hold(CarMode mode) {
    enter(mode);
    unless_changed(profile_.hold_within + profile_.receiver.limit_tolerance,
                   [this] { enter(CarMode::normal); });
}

void BmwCar::enter(CarMode mode) {
    mode_ = mode;
    ++mode_epoch_;
}

void BmwCar::unless_changed(Duration d, std::function<void()> then) {
    world().after(d, [this, epoch = mode_epoch_, then = std::move(then)] {
        if (epoch == mode_epoch_) {
            then();
        }
    });
}

} // namespace fobrig::sim
