// The simulated car's knobs on the command line: faults and a slow operator, for showing
// each failure mode the article's readers met without a car.
#pragma once

#include "rig/core/rig_wiring.hpp"
#include "rig/core/run_record.hpp"
#include "sim/car_models.hpp"
#include "sim/sim_faults.hpp"
#include "sim/sim_operator.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace fobrig::sim {

struct SimSetup {
    std::string car{default_car_model}; // the simulated car's id (see car_models())
    bool car_given = false;             // named by the user, not the default
    ReceiverQuirks quirks;
    SimFaults faults;
    OperatorProfile person;
    std::vector<std::string> given; // the faults as given, for the run's record
};

// Each fault is NAME or NAME=VALUE: dead-receiver, flat-battery=SLOT,
// broken-button=SLOT.BUTTON (it never makes contact), counter-ahead=SLOT:N (the car already
// holds fob SLOT, whose rolling counter ran N presses ahead), stuck-open=SLOT.BUTTON,
// stuck-closed=SLOT.BUTTON, telegram-loss=P, seed=N, key-in=SECONDS (how long the operator leaves
// the key in), ack-delay=SECONDS (from doing a step to confirming it), response=SECONDS (from a
// prompt to the first action), turn-pace=SECONDS (one turn of a counted step), miscount=N (turns
// done beyond the count: -1 one too few); and how the receiver
// reads the ritual where the sources give no answer: chord-start (the lock+unlock chord counts
// as the first lock press), min-tap-gap=SECONDS (quicker lock taps are not counted), for the
// cars whose family's sources leave these open. On the simulated car `car` (an id of
// car_models(); empty: the default, the Mini). Throws std::invalid_argument naming the bad one (an
// unknown car, with the known ones), and one naming a slot or button the rig lacks. What a run on
// this setup drove, for its record: the car, its faults as given.
TargetRecord simulated_target(const SimSetup& setup);

// Every fault parse_sim_faults() takes, as the command lines' help and its errors list them.
inline constexpr std::string_view fault_kinds =
    "dead-receiver, flat-battery=SLOT, broken-button=SLOT.BUTTON, counter-ahead=SLOT:N, "
    "stuck-open=SLOT.BUTTON, stuck-closed=SLOT.BUTTON, telegram-loss=P, seed=N, key-in=S, "
    "ack-delay=S, response=S, turn-pace=S, miscount=N, run-stall=S, chord-start, min-tap-gap=S";

SimSetup parse_sim_faults(const std::vector<std::string>& faults, const Rig& rig,
                          std::string_view car = {});

} // namespace fobrig::sim
