// Nissan's ritual receiver (the 200SX and Sentra of 1995-1998, and the Nissans of their
// time): the key inserted into the ignition and removed more than six times within 10 s, at
// about a second a time, opens the setting mode, erasing the codes held, and the hazards flash
// twice; with the key turned to ACC, one press of a remote's button enters its code and the
// hazards flash twice; the next remote waits until the driver's lock switch is worked to
// unlock and then to lock. Opening the driver's door ends the setting mode. Four codes at most.
#pragma once

#include "sim/car.hpp"
#include "sim/car_models.hpp"

namespace fobrig::sim {

struct NissanProfile {
    ReceiverProfile receiver;
    int insertions = 0;           // the key in and out, counted...
    Duration within{};            // ...from the first insertion to the last removal
    Duration min_insertion_gap{}; // quicker insertions are not counted: "do not rush"
    int entry_flashes = 0;        // the hazards' answer to the setting mode and to each code
    Duration answer_delay{};      // from what the car answers to its first flash
};

NissanProfile nissan_200sx();

class NissanCar final : public Car {
public:
    NissanCar(World& world, NissanProfile profile);

private:
    void switch_changed(const std::string& role, bool on) override;
    void buttons_changed(std::uint32_t fob, ButtonMask from, ButtonMask to) override;
    bool learning() const override { return entry_open_; }

    void key_moved(bool in);
    // The count of insertions starts over, noting what it had.
    void recount(const std::string& why);

    NissanProfile profile_;
    bool setting_ = false;       // the setting mode: codes may be entered with the key at ACC
    bool entry_open_ = false;    // the next remote's press is entered
    bool unlock_worked_ = false; // the lock switch went to unlock since the last code
    int insertions_ = 0;
    int removals_ = 0;
    Instant first_insertion_{};
    Instant last_insertion_{};
};

CarMaker nissan_car(NissanProfile profile);

} // namespace fobrig::sim
