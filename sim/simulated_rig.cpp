#include "sim/simulated_rig.hpp"

#include "sim/paced_clock.hpp"
#include "sim/virtual_clock.hpp"

namespace fobrig::sim {

namespace {

// The car lives on the clock's timeline: virtual time starts at zero and jumps, real time is
// the monotonic clock itself.
std::unique_ptr<Clock> make_clock(World& world, bool virtual_time) {
    if (virtual_time) {
        return std::make_unique<VirtualClock>(world);
    }
    return std::make_unique<PacedClock>(world);
}

} // namespace

SimulatedRig::SimulatedRig(const Rig& rig, bool virtual_time, SimFaults faults,
                           OperatorProfile person, const CarMaker& car)
    : world_(virtual_time ? Instant{} : PacedClock::monotonic_now()),
      clock_(make_clock(world_, virtual_time)),
      bench_(world_, *clock_, rig, car, person, std::move(faults)) {}

std::vector<std::string> SimulatedRig::take_car_notes() {
    const auto& notes = bench_.car().notes();
    std::vector<std::string> fresh(notes.begin() + static_cast<std::ptrdiff_t>(notes_taken_),
                                   notes.end());
    notes_taken_ = notes.size();
    return fresh;
}

} // namespace fobrig::sim
