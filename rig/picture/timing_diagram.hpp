// The timing diagram of a run, as SVG: one picture that the exports, the HTML report and the
// web page all show.
//
// A lane per output the run drove (with its read-back contact under it) and per sense input,
// the commanded edges as drawn with each planned instant marked beside the actual one, the
// steps and actions labelled, the car's windows shaded with their limits, operator steps as
// spans with the key-in time, the car's answer marked in its confirmation window, late or
// forced edges and failed checks highlighted, attempts separated. Elements carry classes and
// data- attributes (lane, window, edge, check) so that pages and tests can find them.
#pragma once

#include "rig/core/procedure.hpp"
#include "rig/core/run_record.hpp"

#include <string>

namespace fobrig {

// `procedure`: the run's procedure, which says what the car's windows were; without it the
// diagram shows the record alone and says that the windows are missing.
std::string timing_diagram_svg(const RunRecord& record, const Procedure* procedure);

} // namespace fobrig
