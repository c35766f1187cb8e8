// The words an edge is shown with, the same in run.json, run.csv, run.vcd and the tables.
#pragma once

#include "rig/core/run_record.hpp"

#include <cstddef>
#include <string>

namespace fobrig {

// index itself; throws std::runtime_error when an edge points past record.lines, which only a
// broken record does.
std::size_t checked_line(const RunRecord& record, std::size_t index);

// The name of record.lines[index], checked as above.
const std::string& line_name(const RunRecord& record, std::size_t index);

// "LATE", "FORCED", "LATE FORCED" or empty.
std::string edge_flags(const CommandedEdge& edge);

} // namespace fobrig
