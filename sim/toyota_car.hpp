// Toyota's ritual receiver (the body ECU of the 2002-2005 Land Cruiser, Lexus LX 470 and
// ES 300, and the Toyotas of their time): from the key out and the driver's door open, the key
// in and out twice within 5 s; the door closed and opened twice and the key in and out within
// 40 s; the door closed and opened twice, the key in and the door closed within 40 s; then the
// ignition LOCK-ON-LOCK N times about a second apart and the key out picks a mode (1 add,
// 2 rewrite, 3 confirm, 5 prohibit), which the locks answer by cycling (once for add, twice
// for rewrite, as often as codes are held for confirm, five times for prohibit). In add or
// rewrite mode, within 40 s: lock and unlock held together 1.0-1.5 s, then within 3 s one
// button held over 1 s; 3 s after its release the locks cycle once (registered) or twice
// (failed). Four codes; add mode's fifth erases the oldest, rewrite's first erases them all.
#pragma once

#include "sim/car.hpp"
#include "sim/car_models.hpp"
#include "sim/step_timing.hpp"

#include <optional>

namespace fobrig::sim {

struct ToyotaProfile {
    ReceiverProfile receiver;
    Duration key_twice_within{}; // the first part: the key in and out twice
    Duration part_within{};      // each of the two door parts
    StepPace ignition_turn{};    // from one turn to ON to the next, picking the mode
    Duration register_within{};  // from the mode (or the last code) to the chord
    StepPace chord{};            // lock and unlock held together
    Duration button_within{};    // from the chord's release to the single button
    Duration button_min{};       // that button held at least
    LockCycle cycle{};           // each of the answer's cycles
    Duration cycle_pause{};      // between two cycles of one answer
};

ToyotaProfile toyota_land_cruiser_2005();

class ToyotaCar final : public Car {
public:
    ToyotaCar(World& world, ToyotaProfile profile);

private:
    enum class Mode { none, add, rewrite };
    // Where a registration stands.
    enum class Registration { waiting, chord, button_due, button };

    void switch_changed(const std::string& role, bool on) override;
    void buttons_changed(std::uint32_t fob, ButtonMask from, ButtonMask to) override;
    bool learning() const override { return mode_ != Mode::none; }

    // The door and key parts, matched against the ritual's switch movements in order.
    void door_and_key(const std::string& role, bool on);
    void ignition_turned_on();
    void pick_mode();
    void registration(std::uint32_t fob, ButtonMask from, ButtonMask to);
    void registered(std::uint32_t fob);
    void failed(const std::string& why);
    void await_registration();
    void start_over(const std::string& why);
    // `times` lock-unlock cycles, the answer to a mode or a registration.
    void cycles(int times);

    ToyotaProfile profile_;
    std::size_t next_ = 0; // the next movement of the door and key parts
    Instant part_start_{};
    int turns_ = 0; // of the ignition to ON, picking the mode
    Instant last_turn_{};
    Mode mode_ = Mode::none;
    Registration registration_ = Registration::waiting;
    Instant since_{}; // the chord's or the button's start, or the chord's release
    std::uint32_t fob_ = 0;
    std::uint64_t epoch_ = 0; // counts registrations, so that a stale wait does nothing
};

CarMaker toyota_car(ToyotaProfile profile);

} // namespace fobrig::sim
