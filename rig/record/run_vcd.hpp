// run.vcd: the run's lines as a Value Change Dump, for GTKWave, PulseView and sigrok-cli.
#pragma once

#include "rig/core/run_record.hpp"

#include <string>

namespace fobrig {

// One 1-bit wire per record line in scope "fobrig", named after the line with blanks made
// '_'. Outputs change at their commanded edges' actual instants, inputs at their sensed
// instants, on a 1 us timescale from t0 (rounded to the nearest microsecond; changes that
// round alike share a timestamp and are all kept, in the order they happened). Every line
// starts at 0 at #0; a last, empty timestamp 1 us after the last change closes the dump.
std::string to_vcd(const RunRecord& record);

} // namespace fobrig
