// Line names and flag words for edges, checked against the record they come from.
#include "rig/record/edge_text.hpp"

#include <stdexcept>

namespace fobrig {

std::size_t checked_line(const RunRecord& record, std::size_t index) {
    if (index >= record.lines.size()) {
        throw std::runtime_error("run record: an edge refers to line " + std::to_string(index) +
                                 " of only " + std::to_string(record.lines.size()));
    }
    return index;
}

const std::string& line_name(const RunRecord& record, std::size_t index) {
    return record.lines[checked_line(record, index)].name;
}

std::string edge_flags(const CommandedEdge& edge) {
    if (edge.late && edge.forced) {
        return "LATE FORCED";
    }
    if (edge.late) {
        return "LATE";
    }
    return edge.forced ? "FORCED" : "";
}

} // namespace fobrig
