// Honda's ritual receiver (the 2005 Odyssey and the Hondas of its time): the ignition turned
// ON (II), a remote's lock or unlock pressed, the ignition turned to LOCK (0), each step 1 to
// 4 s after the one before, three rounds with one remote; at a fourth round's press the locks
// cycle: programming mode. Each remote pressed within 10 s of the last is learned, the locks
// cycling after it; the ignition to LOCK ends it. Three codes are kept in a stacking memory,
// a fourth erasing the oldest. With the ignition ON the remotes lock and unlock nothing.
#pragma once

#include "sim/car.hpp"
#include "sim/car_models.hpp"
#include "sim/step_timing.hpp"

namespace fobrig::sim {

struct HondaProfile {
    ReceiverProfile receiver;
    int rounds = 0;           // ON, press, LOCK: the rounds before the one that opens the mode
    StepPace step{};          // from each step of a round to the next (and from LOCK to ON)
    Duration remote_within{}; // from programming mode (or the last remote learned) to a press
    LockCycle cycle{};        // the answer to programming mode and to each remote
};

HondaProfile honda_odyssey_2005();

class HondaCar final : public Car {
public:
    HondaCar(World& world, HondaProfile profile);

private:
    // What the last step of the ritual was.
    enum class Stage { none, on, pressed, off };

    void switch_changed(const std::string& role, bool on) override;
    void buttons_changed(std::uint32_t fob, ButtonMask from, ButtonMask to) override;
    bool learning() const override { return programming_; }

    // Takes the step `to` if it follows the stage `from` in time; otherwise notes why not.
    bool step(Stage from, Stage to, const std::string& what, const std::string& after);
    void await_remote();

    HondaProfile profile_;
    bool programming_ = false;
    std::uint64_t epoch_ = 0; // counts what resets the wait, so that stale timers do nothing
    Stage stage_ = Stage::none;
    int rounds_ = 0;
    Instant last_step_{};
    std::uint32_t fob_ = 0; // the remote of the rounds
};

CarMaker honda_car(HondaProfile profile);

} // namespace fobrig::sim
