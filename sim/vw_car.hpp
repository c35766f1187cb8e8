// VW's ritual receiver (the 1998 Cabrio and the VW and Audi cars of its time): with the
// ignition on, the driver's door locked with another key; the remote's Open pressed N times
// about a second apart, the horn sounding at each, chooses memory slot N; about 6 s after the
// last of them one more press of Open codes the remote into that slot, and the doors unlock.
// Five presses erase every slot instead. The ignition off ends it; one remote each time.
#pragma once

#include "sim/car.hpp"
#include "sim/car_models.hpp"
#include "sim/step_timing.hpp"

namespace fobrig::sim {

struct VwProfile {
    ReceiverProfile receiver;
    StepPace slot_press{};   // from one press of Open to the next that counts the slot up
    StepPace coding_press{}; // from the last counted press to the one that codes the remote
    int erase_presses = 0;   // this many presses erase every slot
    Duration horn_delay{};   // from a counted press to the horn
};

VwProfile vw_cabrio_1998();

class VwCar final : public Car {
public:
    VwCar(World& world, VwProfile profile);

private:
    void switch_changed(const std::string& role, bool on) override;
    void buttons_changed(std::uint32_t fob, ButtonMask from, ButtonMask to) override;
    bool learning() const override { return coding_; }

    void open_pressed(std::uint32_t fob);
    void code(std::uint32_t fob);

    VwProfile profile_;
    bool coding_ = false; // ignition on and the driver's door locked with the key
    int presses_ = 0;
    Instant last_press_{};
};

CarMaker vw_car(VwProfile profile);

} // namespace fobrig::sim
