// The standalone report of a run: its verdict, a table per fob, the timing diagram and the
// timing table, in one file with its style inline that opens offline in any browser. Written
// as XHTML (well-formed XML) so that the same parser reads the report and the diagram.
#pragma once

#include "rig/core/procedure.hpp"
#include "rig/core/run_record.hpp"

#include <string>

namespace fobrig {

// `procedure` as timing_diagram_svg takes it.
std::string run_report_html(const RunRecord& record, const Procedure* procedure);

} // namespace fobrig
