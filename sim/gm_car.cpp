// GM's ritual: the key counted while the door's unlock switch is held, then chord holds.
#include "sim/gm_car.hpp"

namespace fobrig::sim {

namespace {

constexpr ButtonMask lock_and_unlock{.lock = true, .unlock = true};

std::string times(int n) {
    return std::to_string(n) + (n == 1 ? " time" : " times");
}

} // namespace

GmProfile gm_malibu_2000() {
    return {
        .receiver = typical_receiver(4, KeyTablePolicy::session_erases_all), // "up to 4"
        .insertions = 3,                  // "twice", and "a third time leaving the key"
        .within = seconds(25),            // "within 25 seconds of pressing the door unlock switch"
        .chord_hold = milliseconds(3500), // "approximately 4 seconds"; the car's own reading
        .mode_chimes = 3,                 // "the chime will sound 3 chimes"
        .learned_chimes = 2,              // "the chime will sound two times"
        .chime_delay = milliseconds(300), // no source gives it
    };
}

CarMaker gm_car(GmProfile profile) {
    return [profile](World& world) { return std::make_unique<GmCar>(world, profile); };
}

GmCar::GmCar(World& world, GmProfile profile)
    : Car(world, profile.receiver, {"key-in", "door-unlock"}, {"chime"}), profile_(profile) {}

void GmCar::switch_changed(const std::string& role, bool on) {
    if (role == "key-in") {
        key_in_ = on;
        if (programming_ && !on) {
            leave(); // "remove the ignition key from the ignition switch"
        } else if (switch_pressed_ && on) {
            ++insertions_;
        }
    } else if (role == "ignition") {
        if (programming_ && on) {
            leave(); // "turn the ignition switch to the RUN position"
        }
    } else if (role == "door-unlock") {
        if (on && !programming_) {
            switch_pressed_ = world().now();
            insertions_ = 0;
        } else if (!on && switch_pressed_) {
            switch_let_go();
        }
    }
}

void GmCar::switch_let_go() {
    const Duration held = world().now() - *switch_pressed_;
    switch_pressed_.reset();
    if (held > profile_.within + receiver().limit_tolerance) {
        note("the door's unlock switch was held " + duration_text(held) +
             ", the car needs the "
             "key's insertions within " +
             duration_text(profile_.within));
    } else if (insertions_ != profile_.insertions || !key_in_) {
        note("with the door's unlock switch held the key went in " + times(insertions_) +
             (key_in_ ? "" : " and came out again") + "; the car needs it in " +
             times(profile_.insertions) + ", left in");
    } else {
        programming_ = true;
        begin_session();
        repeat("chime", profile_.mode_chimes, profile_.chime_delay);
    }
}

void GmCar::buttons_changed(std::uint32_t fob, ButtonMask, ButtonMask to) {
    if (!programming_) {
        answer(fob, to);
        return;
    }
    if (to == lock_and_unlock) {
        const Instant since = world().now();
        chord_since_ = since;
        world().after(profile_.chord_hold, [this, fob, hold = ++holds_] {
            if (hold == holds_ && programming_ && learn(fob)) {
                repeat("chime", profile_.learned_chimes, profile_.chime_delay);
            }
        });
        return;
    }
    if (chord_since_) {
        const Duration held = world().now() - *chord_since_;
        chord_since_.reset();
        if (held < profile_.chord_hold) {
            ++holds_; // let go too soon: not learned
            note("lock and unlock held together " + duration_text(held) + ", the car needs about " +
                 duration_text(profile_.chord_hold));
        }
    }
}

void GmCar::leave() {
    programming_ = false;
    ++holds_;
    chord_since_.reset();
}

} // namespace fobrig::sim
