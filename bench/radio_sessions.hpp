// Seeded programming sessions on the simulated car over a lossy radio, in virtual time: how
// often the first attempt passes, how often the run passes within its retries, and why the
// first attempt failed when it did.
#pragma once

#include "rig/core/procedure.hpp"
#include "rig/core/rig_wiring.hpp"
#include "sim/car_models.hpp"

#include <cstdint>
#include <map>
#include <string>

namespace fobrig::bench {

struct RadioTally {
    int runs = 0;
    int first_attempt = 0; // runs whose first attempt programmed and verified every fob
    int passed = 0;        // runs that passed within the procedure's attempts
    int attempts = 0;      // the procedure's max_attempts
    int pressed_again = 0; // runs in which a verify step was answered only at a later press
    std::map<std::string, int> causes; // of first attempts that failed: step and car note
};

// `runs` sessions of `procedure` for the first `fobs` slots of `rig` against `car`, each with
// its own seed (first_seed, first_seed + 1, ...) for the telegram losses.
RadioTally tally_sessions(const Procedure& procedure, const Rig& rig, const sim::CarMaker& car,
                          std::size_t fobs, double telegram_loss, int runs,
                          std::uint64_t first_seed);

} // namespace fobrig::bench
