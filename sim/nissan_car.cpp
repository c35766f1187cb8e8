// Nissan's ritual: counting the key's insertions, then entering one code at a time.
#include "sim/nissan_car.hpp"

namespace fobrig::sim {

NissanProfile nissan_200sx() {
    return {
        .receiver = typical_receiver(4, KeyTablePolicy::session_erases_all),
        .insertions = 7,                        // "more than six times"
        .within = seconds(10),                  // "within 10 seconds"
        .min_insertion_gap = milliseconds(500), // "one cycle per second"; no source gives a limit
        .entry_flashes = 2,                     // "the hazard warning lamp will flash twice"
        .answer_delay = milliseconds(500),      // no source gives it
    };
}

CarMaker nissan_car(NissanProfile profile) {
    return [profile](World& world) { return std::make_unique<NissanCar>(world, profile); };
}

NissanCar::NissanCar(World& world, NissanProfile profile)
    : Car(world, profile.receiver, {"key-in", "door", "door-unlock", "door-lock"}),
      profile_(profile) {}

void NissanCar::switch_changed(const std::string& role, bool on) {
    if (role == "key-in") {
        key_moved(on);
    } else if (role == "door" && on && setting_) {
        // "setting mode remain[s] until the driver's door is opened"
        setting_ = false;
        entry_open_ = false;
    } else if (role == "ignition" && on && !setting_ && removals_ > 0) {
        recount("the key turned to ACC after it went in and out " + std::to_string(removals_) +
                (removals_ == 1 ? " time" : " times") + ", the car needs more than " +
                std::to_string(profile_.insertions - 1));
    } else if (role == "ignition" && on && setting_ && learned_this_session().empty()) {
        entry_open_ = true; // "turn the ignition key to ACC"
    } else if (role == "door-unlock" && on && setting_) {
        unlock_worked_ = true;
    } else if (role == "door-lock" && on && setting_ && unlock_worked_) {
        unlock_worked_ = false;
        entry_open_ = ignition_switch().level(); // "unlock, then lock, the driver's door"
    }
}

// In the setting mode too: the insertions start it afresh.
void NissanCar::key_moved(bool in) {
    const Instant now = world().now();
    if (!in) {
        if (insertions_ > 0 && ++removals_ >= profile_.insertions) {
            if (now - first_insertion_ > profile_.within + receiver().limit_tolerance) {
                recount("the key went in and out " + std::to_string(removals_) + " times in " +
                        duration_text(now - first_insertion_) + ", the car needs them within " +
                        duration_text(profile_.within));
                return;
            }
            setting_ = true; // "at this time, the original ID codes are eliminated"
            entry_open_ = false;
            begin_session();
            insertions_ = 0;
            removals_ = 0;
            repeat("indicator", profile_.entry_flashes, profile_.answer_delay);
        }
        return;
    }
    if (insertions_ > 0 && now - last_insertion_ < profile_.min_insertion_gap) {
        recount("the key went in " + duration_text(now - last_insertion_) +
                " after its last insertion: too quick to count (about one a second)");
    } else if (insertions_ > 0 && now - first_insertion_ > profile_.within) {
        recount("the key went in and out " + std::to_string(removals_) +
                (removals_ == 1 ? " time" : " times") + " within " +
                duration_text(profile_.within) + ", the car needs more than " +
                std::to_string(profile_.insertions - 1));
    }
    if (insertions_ == 0) {
        first_insertion_ = now;
    }
    ++insertions_;
    last_insertion_ = now;
}

void NissanCar::recount(const std::string& why) {
    note(why);
    insertions_ = 0;
    removals_ = 0;
}

void NissanCar::buttons_changed(std::uint32_t fob, ButtonMask from, ButtonMask to) {
    if (!setting_) {
        answer(fob, to);
        return;
    }
    if (from.any() || !to.any()) {
        return;
    }
    if (!entry_open_) {
        note(learned_this_session().empty()
                 ? "a remote pressed in the setting mode before the key turned to ACC"
                 : "a remote pressed before the driver's lock switch went to unlock and to "
                   "lock: its code was not entered");
        return;
    }
    entry_open_ = false;
    if (learn(fob)) {
        repeat("indicator", profile_.entry_flashes, profile_.answer_delay);
    }
}

} // namespace fobrig::sim
