// The BMW ritual's receiver (Mini R50, E46): ignition to position 1 and off within 5 s, then
// within 30 s a fob holds unlock and taps lock three times within 10 s; the doors lock then
// unlock, and the next key may follow within 30 s. The first key learned erases the rest.
#pragma once

#include "sim/bmw_profile.hpp"
#include "sim/car.hpp"
#include "sim/car_models.hpp"

namespace fobrig::sim {

enum class CarMode {
    normal,      // answers the fobs in its key table
    ignition_on, // turned off soon enough, it arms; answers like normal
    armed,       // key removed quickly: waiting for a fob's unlock hold
    holding,     // a fob holds unlock: counting lock presses
    session,     // a key was learned: waiting for the next key's hold
};

class BmwCar final : public Car {
public:
    BmwCar(World& world, BmwProfile profile);

    CarMode mode() const { return mode_; }

private:
    void switch_changed(const std::string& role, bool on) override;
    void buttons_changed(std::uint32_t fob, ButtonMask from, ButtonMask to) override;
    bool learning() const override;

    void hold_started(std::uint32_t fob, ButtonMask from, ButtonMask to);
    void start_hold(std::uint32_t fob, int presses);
    void hold_changed(ButtonMask from, ButtonMask to);
    void count_tap();
    // Gives up the hold, noting why.
    void drop_hold(std::string why);
    void learn_held();
    // Enters armed or session mode, which ends back in normal unless a hold comes in time.
    void await_hold(CarMode mode);
    void enter(CarMode mode);
    // Runs `then` after `d` unless the mode has changed meanwhile.
    void unless_changed(Duration d, std::function<void()> then);

    BmwProfile profile_;
    CarMode mode_ = CarMode::normal;
    std::uint64_t mode_epoch_ = 0; // counts mode changes, so that stale timers do nothing
    Instant ignition_on_since_{};
    std::uint32_t holding_fob_ = 0;
    int presses_ = 0;
    Instant last_tap_{};
};

// A maker of this car with `profile`, for a bench that needs numbers no registered car has.
CarMaker bmw_car(BmwProfile profile);

} // namespace fobrig::sim
