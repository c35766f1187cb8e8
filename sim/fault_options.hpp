// The simulated car's knobs on the command line: faults and a slow operator, for showing
// each failure mode the article's readers met without a car.
#pragma once

#include "rig/core/rig_wiring.hpp"
#include "sim/car_profile.hpp"
#include "sim/sim_faults.hpp"
#include "sim/sim_operator.hpp"

#include <string>
#include <vector>

namespace fobrig::sim {

struct SimSetup {
    CarProfile car = mini_r50();
    SimFaults faults;
    OperatorProfile person;
    std::vector<std::string> given; // the faults as given, for the run's record
};

// Each fault is NAME or NAME=VALUE: dead-receiver, flat-battery=SLOT,
// broken-button=SLOT.BUTTON (it never makes contact), counter-ahead=SLOT:N (the car already
// holds fob SLOT, whose rolling counter ran N presses ahead), stuck-open=SLOT.BUTTON,
// stuck-closed=SLOT.BUTTON, telegram-loss=P, seed=N, key-in=SECONDS (how long the operator leaves
// the key in), ack-delay=SECONDS (from doing a step to confirming it); and how the receiver
// reads the ritual where the sources give no answer: chord-start (the lock+unlock chord counts
// as the first lock press), min-tap-gap=SECONDS (quicker lock taps are not counted). Throws
// std::invalid_argument
// naming the bad one, and one naming a slot or button the rig lacks.
SimSetup parse_sim_faults(const std::vector<std::string>& faults, const Rig& rig);

} // namespace fobrig::sim
