// The whole-run allocation figure the benchmark prints: the Mini's programming run for two fobs on
// the simulated car in virtual time, passing, and with one fob that never answers (every attempt
// failed and retried), followed by the daemon's observer as fobrigd follows a run
// (bench/whole_run_events.hpp), counted as bench/whole_run_count.hpp says.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace fobrig::bench {

// {"passing": {...}, "failing": {...}}, each with its outcome, attempts, edges, the events told
// to the control loop (and dropped) and allocations.
nlohmann::json whole_run_figures(const std::string& config_dir);

} // namespace fobrig::bench
