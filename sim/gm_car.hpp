// GM's ritual receiver (the 2000 Chevrolet Malibu and the GM cars of its time): with the door's
// unlock switch held, the key inserted and removed twice and inserted a third time, all within
// 25 s of pressing the switch; the switch let go: three chimes, programming mode. A remote's
// lock and unlock held together about 4 s: two chimes, learned. The first remote learned in a
// session erases the others; four at most. The ignition to RUN or the key out ends it.
#pragma once

#include "sim/car.hpp"
#include "sim/car_models.hpp"

namespace fobrig::sim {

struct GmProfile {
    ReceiverProfile receiver;
    int insertions = 0;     // with the unlock switch held, the key in this many times...
    Duration within{};      // ...from pressing the switch to letting it go
    Duration chord_hold{};  // lock and unlock held together this long: learned
    int mode_chimes = 0;    // the answer to programming mode
    int learned_chimes = 0; // the answer to a remote learned
    Duration chime_delay{}; // from what the car answers to its first chime
};

GmProfile gm_malibu_2000();

class GmCar final : public Car {
public:
    GmCar(World& world, GmProfile profile);

private:
    void switch_changed(const std::string& role, bool on) override;
    void buttons_changed(std::uint32_t fob, ButtonMask from, ButtonMask to) override;
    bool learning() const override { return programming_; }

    void switch_let_go();
    void leave();

    GmProfile profile_;
    bool programming_ = false;
    std::optional<Instant> switch_pressed_; // the door's unlock switch, held since
    int insertions_ = 0;
    bool key_in_ = false;
    std::uint64_t holds_ = 0; // counts chord holds, so that a stale timer does nothing
    std::optional<Instant> chord_since_;
};

CarMaker gm_car(GmProfile profile);

} // namespace fobrig::sim
