// Honda's ritual: rounds of ignition ON, a press and LOCK at a 1 to 4 s pace, then learning.
#include "sim/honda_car.hpp"

namespace fobrig::sim {

HondaProfile honda_odyssey_2005() {
    return {
        .receiver = typical_receiver(3, KeyTablePolicy::stacking), // "up to three", stacking
        .rounds = 3,                                               // "two more times" after one
        .step = {.min = seconds(1), .max = seconds(4)},            // "within 1 to 4 seconds"
        .remote_within = seconds(10),                              // "within 10 seconds"
        .cycle = {.delay = milliseconds(500), .gap = milliseconds(600)}, // no source gives it
    };
}

CarMaker honda_car(HondaProfile profile) {
    return [profile](World& world) { return std::make_unique<HondaCar>(world, profile); };
}

HondaCar::HondaCar(World& world, HondaProfile profile)
    : Car(world, profile.receiver), profile_(profile) {}

void HondaCar::switch_changed(const std::string&, bool on) {
    if (programming_) {
        if (!on) {
            programming_ = false; // "turn the ignition switch to LOCK (0) to exit"
            ++epoch_;
        }
        return;
    }
    if (on) {
        // A first ON, or one that broke the pace, starts the rounds afresh.
        if (stage_ != Stage::off ||
            !step(Stage::off, Stage::on, "the ignition turned ON", "it turned to LOCK")) {
            stage_ = Stage::on;
            rounds_ = 0;
            last_step_ = world().now();
        }
        return;
    }
    if (stage_ == Stage::on) {
        note("the ignition turned to LOCK with no remote's button pressed since it turned ON");
        stage_ = Stage::none;
    } else if (stage_ == Stage::pressed &&
               step(Stage::pressed, Stage::off, "the ignition turned to LOCK", "the press")) {
        ++rounds_;
    }
}

void HondaCar::buttons_changed(std::uint32_t fob, ButtonMask from, ButtonMask to) {
    const bool press = !from.any() && to.any();
    if (programming_) {
        if (press && learn(fob)) {
            cycle_locks(profile_.cycle);
            await_remote();
        }
        return;
    }
    if (!ignition_switch().level()) {
        answer(fob, to);
        return;
    }
    if (!press || stage_ == Stage::none) {
        return;
    }
    if (stage_ != Stage::on) {
        note("a remote's button pressed again before the ignition turned to LOCK");
        stage_ = Stage::none;
        return;
    }
    if (rounds_ > 0 && fob != fob_) {
        note("a round's press came from another remote than the first round's");
        stage_ = Stage::none;
        return;
    }
    if (!step(Stage::on, Stage::pressed, "the press", "the ignition turned ON")) {
        return;
    }
    fob_ = fob;
    if (rounds_ == profile_.rounds) {
        stage_ = Stage::none;
        programming_ = true;
        begin_session();
        cycle_locks(profile_.cycle); // "make sure the power door locks cycle"
        await_remote();
    }
}

bool HondaCar::step(Stage from, Stage to, const std::string& what, const std::string& after) {
    const Instant now = world().now();
    const std::string why =
        off_pace(what, after, now - last_step_, profile_.step, receiver().limit_tolerance);
    if (stage_ != from || !why.empty()) {
        note(why.empty() ? what + " out of the ritual's order"
                         : why + " (round " + std::to_string(rounds_ + 1) + ")");
        stage_ = Stage::none;
        return false;
    }
    stage_ = to;
    last_step_ = now;
    return true;
}

void HondaCar::await_remote() {
    world().after(profile_.remote_within + receiver().limit_tolerance, [this, epoch = ++epoch_] {
        if (epoch == epoch_ && programming_) {
            programming_ = false;
            if (learned_this_session().empty()) {
                note("no remote's button pressed within " + duration_text(profile_.remote_within) +
                     " of programming mode");
            }
        }
    });
}

} // namespace fobrig::sim
