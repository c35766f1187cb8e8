// How a run's target is named in every place a person reads it: the first line of a run, its
// verdict, `status`, `show` and the CSV.
#pragma once

#include "rig/core/run_record.hpp"

#include <optional>
#include <string>

namespace fobrig {

// "simulated car, no faults", "simulated car, faults: dead-receiver, seed=3", "real hardware",
// or "car not recorded" for a record written before fobrig said.
std::string target_text(const std::optional<TargetRecord>& target);

} // namespace fobrig
