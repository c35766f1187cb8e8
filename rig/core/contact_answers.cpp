// Each commanded change is measured against its contact's edges up to the line's next change.
#include "rig/core/contact_answers.hpp"

#include <map>
#include <utility>

namespace fobrig {

std::vector<ContactAnswer> contact_answers(const RunRecord& record) {
    std::map<std::size_t, std::vector<ChannelEdge>> contact_edges; // by contact line
    for (const SensedEdge& edge : record.sensed) {
        contact_edges[edge.line].push_back({edge.line, edge.active, edge.at});
    }
    std::vector<ContactAnswer> answers;
    std::map<std::size_t, bool> level; // by output line; every line starts released
    for (std::size_t i = 0; i < record.commanded.size(); ++i) {
        const CommandedEdge& edge = record.commanded[i];
        const auto contact = record.lines.at(edge.line).contact;
        if (!contact || std::exchange(level[edge.line], edge.active) == edge.active) {
            continue;
        }
        Instant until = Instant::max();
        for (std::size_t next = i + 1; next < record.commanded.size(); ++next) {
            if (record.commanded[next].line == edge.line) {
                until = record.commanded[next].actual;
                break;
            }
        }
        answers.push_back({.commanded = i,
                           .transition = measure_transition({*contact, edge.active, edge.actual},
                                                            until, contact_edges[*contact])});
    }
    return answers;
}

} // namespace fobrig
