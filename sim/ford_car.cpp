// Ford's ritual: counting ignition turns, then learning each remote pressed in time.
#include "sim/ford_car.hpp"

namespace fobrig::sim {

FordProfile ford_focus_2014() {
    return {
        .receiver = typical_receiver(4, KeyTablePolicy::session_erases_all),
        .ignition_turns = 8,          // "OFF to RUN 8 times"
        .turns_within = seconds(8),   // "within 8 seconds"
        .remote_within = seconds(10), // "within 10 seconds ... press any button"
        .cycle = {.delay = milliseconds(500), .gap = milliseconds(600)}, // no source gives it
    };
}

CarMaker ford_car(FordProfile profile) {
    return [profile](World& world) { return std::make_unique<FordCar>(world, profile); };
}

FordCar::FordCar(World& world, FordProfile profile)
    : Car(world, profile.receiver), profile_(profile) {}

void FordCar::switch_changed(const std::string&, bool on) {
    if (programming_) {
        if (!on) {
            cycle_locks(
                profile_.cycle); // "the locks cycle to confirm that programming mode is over"
            leave(learned_this_session().empty()
                      ? "the ignition turned off before any remote's button was pressed: "
                        "programming mode ended"
                      : "");
        }
        return;
    }
    if (!on) {
        return;
    }
    const Instant now = world().now();
    if (turns_ == 0 || now - first_turn_ > profile_.turns_within + receiver().limit_tolerance) {
        if (turns_ > 0) {
            note("the ignition turned to RUN " + std::to_string(turns_) +
                 (turns_ == 1 ? " time within " : " times within ") +
                 duration_text(profile_.turns_within) + ", the car counts " +
                 std::to_string(profile_.ignition_turns));
        }
        turns_ = 0;
        first_turn_ = now;
    }
    if (++turns_ < profile_.ignition_turns) {
        return;
    }
    turns_ = 0;
    programming_ = true;
    begin_session();
    cycle_locks(profile_.cycle);
    await_remote();
}

void FordCar::buttons_changed(std::uint32_t fob, ButtonMask from, ButtonMask to) {
    if (!programming_) {
        answer(fob, to);
        return;
    }
    if (from.any() || !to.any()) {
        return; // a press is a button closing on a fob at rest
    }
    if (learn(fob)) {
        cycle_locks(profile_.cycle);
        await_remote();
    }
}

void FordCar::await_remote() {
    world().after(profile_.remote_within + receiver().limit_tolerance, [this, epoch = ++epoch_] {
        if (epoch == epoch_ && programming_) {
            leave(learned_this_session().empty()
                      ? "no remote's button pressed within " +
                            duration_text(profile_.remote_within) + " of programming mode"
                      : "");
        }
    });
}

void FordCar::leave(std::string why) {
    programming_ = false;
    ++epoch_;
    if (!why.empty()) {
        note(std::move(why));
    }
}

} // namespace fobrig::sim
