// Toyota's ritual: the door and key parts in order, the mode by ignition turns, registrations.
#include "sim/toyota_car.hpp"

#include <string_view>

namespace fobrig::sim {

namespace {

// The door and key parts, a letter a movement: the key Inserted or Removed, the door Closed or
// Opened; a part starts after each '|'. The door starts open and the key out.
constexpr std::string_view ritual = "IRIR|COCOIR|COCOIC";
constexpr std::size_t movements = 16;

struct Movement {
    std::string role;
    bool on = false; // the key in, the door open
    bool part_start = false;
};

Movement movement(std::size_t n) {
    std::size_t at = 0;
    bool part_start = n == 0;
    for (std::size_t i = 0;; ++at) {
        if (ritual[at] == '|') {
            part_start = i == n;
            continue;
        }
        if (i++ == n) {
            break;
        }
        part_start = false;
    }
    const char m = ritual[at];
    return {.role = m == 'I' || m == 'R' ? "key-in" : "door",
            .on = m == 'I' || m == 'O',
            .part_start = part_start};
}

std::string movement_text(const std::string& role, bool on) {
    return role == "door" ? (on ? "the door opened" : "the door closed")
                          : (on ? "the key inserted" : "the key removed");
}

constexpr ButtonMask lock_and_unlock{.lock = true, .unlock = true};

} // namespace

ToyotaProfile toyota_land_cruiser_2005() {
    return {
        .receiver = typical_receiver(4, KeyTablePolicy::stacking), // add mode: 4, oldest erased
        .key_twice_within = seconds(5),
        .part_within = seconds(40),
        .ignition_turn = {.min = milliseconds(300), .max = seconds(3)}, // "about 1 second"
        .register_within = seconds(40),
        .chord = {.min = milliseconds(1000), .max = milliseconds(1500)},
        .button_within = seconds(3),
        .button_min = seconds(1),
        .cycle = {.delay = milliseconds(500), .gap = milliseconds(300)}, // no source gives these
        .cycle_pause = milliseconds(500),
    };
}

CarMaker toyota_car(ToyotaProfile profile) {
    return [profile](World& world) { return std::make_unique<ToyotaCar>(world, profile); };
}

ToyotaCar::ToyotaCar(World& world, ToyotaProfile profile)
    : Car(world, profile.receiver, {"key-in", "door"}), profile_(profile) {}

void ToyotaCar::switch_changed(const std::string& role, bool on) {
    if (mode_ != Mode::none) {
        return; // registering: the key and the door are free
    }
    if (role != "ignition") {
        if (next_ == movements && role == "key-in" && !on) {
            pick_mode();
        } else if (next_ == movements && role == "door" && on && turns_ == 0) {
            next_ = movements - 1; // opened again before it stays closed: the close awaited
        } else if (next_ == movements && role == "door") {
            start_over("the door moved while the ignition picked the mode");
        } else {
            door_and_key(role, on);
        }
    } else if (on) {
        if (next_ == movements) {
            ignition_turned_on();
        } else if (next_ > 0) {
            start_over("the ignition turned on before the door and key parts were done");
        }
    }
}

void ToyotaCar::door_and_key(const std::string& role, bool on) {
    const Instant now = world().now();
    if (next_ == 0 && role == "key-in" && on && !signal("door")->level()) {
        note("the key inserted with the driver's door closed: the ritual starts with it open");
        return;
    }
    const Movement expected = movement(next_);
    if (role != expected.role || on != expected.on) {
        // Before the ritual nothing is out of order; after the key went in for the last part
        // the door may open and close again before it closes for good.
        if (next_ == 0 || (next_ == movements - 1 && role == "door")) {
            return;
        }
        start_over(movement_text(role, on) + " where the car waited for " +
                   movement_text(expected.role, expected.on) + " (movement " +
                   std::to_string(next_ + 1) + " of " + std::to_string(movements) + ")");
        if (role == "key-in" && on) {
            door_and_key(role, on); // perhaps a fresh start
        }
        return;
    }
    if (expected.part_start) {
        part_start_ = now;
    }
    const Duration limit = next_ < 4 ? profile_.key_twice_within : profile_.part_within;
    if (now - part_start_ > limit + receiver().limit_tolerance) {
        start_over(movement_text(role, on) + " " + duration_text(now - part_start_) +
                   " into its part; the car needs the part within " + duration_text(limit));
        return;
    }
    ++next_;
    turns_ = 0;
}

void ToyotaCar::ignition_turned_on() {
    const Instant now = world().now();
    if (turns_ > 0 && !fits(now - last_turn_, profile_.ignition_turn, receiver().limit_tolerance)) {
        start_over(off_pace("the ignition turned on", "its last turn", now - last_turn_,
                            profile_.ignition_turn, receiver().limit_tolerance));
        return;
    }
    ++turns_;
    last_turn_ = now;
}

void ToyotaCar::pick_mode() {
    const int turns = turns_;
    next_ = 0;
    turns_ = 0;
    switch (turns) {
    case 1:
    case 2:
        mode_ = turns == 1 ? Mode::add : Mode::rewrite;
        begin_session();
        cycles(turns);
        await_registration();
        break;
    case 3:
        cycles(key_table().empty() ? 5 : static_cast<int>(key_table().size()));
        break;
    case 5:
        erase_keys();
        cycles(5);
        break;
    default:
        note("the ignition turned on " + std::to_string(turns) +
             " times: no mode has that number (1 add, 2 rewrite, 3 confirm, 5 prohibit)");
    }
}

void ToyotaCar::buttons_changed(std::uint32_t fob, ButtonMask from, ButtonMask to) {
    if (mode_ == Mode::none) {
        if (!signal("key-in")->level()) {
            answer(fob, to);
        } else if (!from.any() && to.any()) {
            note("a remote pressed with the key in the ignition: the car answers no remote then");
        }
        return;
    }
    registration(fob, from, to);
}

void ToyotaCar::registration(std::uint32_t fob, ButtonMask from, ButtonMask to) {
    const Instant now = world().now();
    const bool single = to == ButtonMask{.lock = true} || to == ButtonMask{.unlock = true};
    switch (registration_) {
    case Registration::waiting:
        if (!from.any() && to == lock_and_unlock) {
            registration_ = Registration::chord;
            since_ = now;
            fob_ = fob;
        }
        break;
    case Registration::chord:
        if (fob == fob_ && !to.any()) {
            const std::string why =
                off_pace("lock and unlock held together", "they were pressed", now - since_,
                         profile_.chord, receiver().limit_tolerance);
            if (!why.empty()) {
                failed(why);
                return;
            }
            registration_ = Registration::button_due;
            since_ = now;
        }
        break;
    case Registration::button_due:
        if (fob == fob_ && !from.any() && single) {
            if (now - since_ > profile_.button_within + receiver().limit_tolerance) {
                failed("the single button came " + duration_text(now - since_) +
                       " after the chord, the car needs it within " +
                       duration_text(profile_.button_within));
                return;
            }
            registration_ = Registration::button;
            since_ = now;
        }
        break;
    case Registration::button:
        if (fob == fob_ && !to.any()) {
            if (now - since_ < profile_.button_min) {
                failed("the single button held " + duration_text(now - since_) +
                       ", the car needs over " + duration_text(profile_.button_min));
                return;
            }
            registered(fob);
        }
        break;
    }
}

void ToyotaCar::registered(std::uint32_t fob) {
    if (mode_ == Mode::rewrite && learned_this_session().empty()) {
        erase_keys(); // rewrite: only the codes registered now
    }
    learn(fob);
    cycles(1);
    await_registration();
}

void ToyotaCar::failed(const std::string& why) {
    note(why + ": not registered");
    cycles(2);
    await_registration();
}

void ToyotaCar::await_registration() {
    registration_ = Registration::waiting;
    world().after(profile_.register_within + receiver().limit_tolerance, [this, epoch = ++epoch_] {
        if (epoch == epoch_ && registration_ == Registration::waiting) {
            mode_ = Mode::none;
        }
    });
}

void ToyotaCar::start_over(const std::string& why) {
    note(why);
    next_ = 0;
    turns_ = 0;
}

void ToyotaCar::cycles(int times) {
    const Duration span = profile_.cycle.delay + 2 * receiver().pulse_length + profile_.cycle.gap;
    for (int i = 0; i < times; ++i) {
        const Duration after = i * (span - profile_.cycle.delay + profile_.cycle_pause);
        cycle_locks({.delay = profile_.cycle.delay + after, .gap = profile_.cycle.gap});
    }
}

} // namespace fobrig::sim
