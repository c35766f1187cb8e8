// Ford's ritual receiver (the 2014 Focus and its kin): the ignition turned from OFF to RUN
// eight times within 8 s, ending in RUN, opens programming mode and the locks cycle; each
// remote's button pressed within 10 s of the last is learned, the locks cycling after it;
// the ignition to OFF ends it, the locks cycling once more. The first remote learned erases
// the rest.
#pragma once

#include "sim/car.hpp"
#include "sim/car_models.hpp"

namespace fobrig::sim {

struct FordProfile {
    ReceiverProfile receiver;
    int ignition_turns = 0;   // OFF to RUN, counted...
    Duration turns_within{};  // ...from the first turn to the last
    Duration remote_within{}; // from programming mode (or the last remote learned) to a press
    LockCycle cycle{};        // the answer to programming mode and to each remote
};

// Ford Focus 2014 (and the same ritual's Fords), as Ford's owner guides give the ritual
// (config/procedures/ford-focus-2014.toml).
FordProfile ford_focus_2014();

class FordCar final : public Car {
public:
    FordCar(World& world, FordProfile profile);

private:
    void switch_changed(const std::string& role, bool on) override;
    void buttons_changed(std::uint32_t fob, ButtonMask from, ButtonMask to) override;
    bool learning() const override { return programming_; }

    // Waits remote_within for the next remote, then leaves programming mode.
    void await_remote();
    void leave(std::string why);

    FordProfile profile_;
    bool programming_ = false;
    std::uint64_t epoch_ = 0; // counts what resets the waits, so that stale timers do nothing
    int turns_ = 0;
    Instant first_turn_{};
};

CarMaker ford_car(FordProfile profile);

} // namespace fobrig::sim
