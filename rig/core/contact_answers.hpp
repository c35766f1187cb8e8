// How the switches' contacts answered a run: for every change the run commanded on an output
// that has a read-back line, when its contact really moved, with its delay and bounce.
#pragma once

#include "rig/core/contact_timing.hpp"
#include "rig/core/run_record.hpp"

#include <cstddef>
#include <optional>
#include <vector>

namespace fobrig {

struct ContactAnswer {
    std::size_t commanded = 0;                   // index into RunRecord::commanded
    std::optional<ContactTransition> transition; // none: the contact did not follow
};

// In the order of `record.commanded`; a commanded edge that changes nothing (a release of a
// line already released) asks nothing of the contact and has no answer.
std::vector<ContactAnswer> contact_answers(const RunRecord& record);

} // namespace fobrig
