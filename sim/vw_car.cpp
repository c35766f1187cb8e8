// VW's ritual: Open presses counting the memory slot, then the coding press.
#include "sim/vw_car.hpp"

namespace fobrig::sim {

VwProfile vw_cabrio_1998() {
    return {
        .receiver = typical_receiver(4, KeyTablePolicy::additive),   // "up to 4", by memory slot
        .slot_press = {.min = milliseconds(500), .max = seconds(2)}, // "in one-second intervals"
        .coding_press = {.min = seconds(5), .max = seconds(10)},     // "after 6 seconds"
        .erase_presses = 5,                                          // "5 times": erasing
        .horn_delay = milliseconds(200),                             // no source gives it
    };
}

CarMaker vw_car(VwProfile profile) {
    return [profile](World& world) { return std::make_unique<VwCar>(world, profile); };
}

VwCar::VwCar(World& world, VwProfile profile)
    : Car(world, profile.receiver, {"door-lock"}, {"horn"}), profile_(profile) {}

void VwCar::switch_changed(const std::string& role, bool on) {
    if (role == "ignition" && !on) {
        if (coding_ && presses_ > 0) {
            note("the ignition turned off " + duration_text(world().now() - last_press_) +
                 " after Open was pressed " + std::to_string(presses_) +
                 " times, before the press that codes the remote");
        }
        coding_ = false; // "after coding each remote unit, the ignition must be switched off"
    } else if (role == "door-lock" && on && ignition_switch().level()) {
        coding_ = true; // "use second key to lock vehicle at driver's side door"
        presses_ = 0;
    }
}

void VwCar::buttons_changed(std::uint32_t fob, ButtonMask from, ButtonMask to) {
    if (!coding_) {
        if (!ignition_switch().level()) {
            answer(fob, to);
        } else if (!from.any() && to.any()) {
            // "The key must be removed from the ignition before the remote unit can be used."
            note("a remote pressed with the ignition on and the door not locked with the key: "
                 "the car answers no remote then");
        }
        return;
    }
    if (!from.any() && to == ButtonMask{.unlock = true}) {
        open_pressed(fob);
    }
}

void VwCar::open_pressed(std::uint32_t fob) {
    const Instant now = world().now();
    const Duration gap = now - last_press_;
    const Duration tolerance = receiver().limit_tolerance;
    if (presses_ == 0 || fits(gap, profile_.slot_press, tolerance)) {
        last_press_ = now;
        if (++presses_ > profile_.erase_presses) {
            note("Open pressed " + std::to_string(presses_) +
                 " times: no memory slot has "
                 "that number");
            coding_ = false;
            return;
        }
        repeat("horn", 1, profile_.horn_delay);
        return;
    }
    const std::string why = off_pace("the coding press came", "the last press of Open", gap,
                                     profile_.coding_press, tolerance);
    if (!why.empty()) {
        note(why);
        coding_ = false;
        return;
    }
    code(fob);
}

void VwCar::code(std::uint32_t fob) {
    coding_ = false;
    if (presses_ == profile_.erase_presses) {
        erase_keys();
        note("Open pressed " + std::to_string(presses_) +
             " times before the coding press: every remote erased, none coded");
        return;
    }
    learn_into(static_cast<std::size_t>(presses_ - 1), fob);
    signal_unlock(receiver().response_delay); // "it can be used to unlock"
}

} // namespace fobrig::sim
