// What a fob's label may be, the same for fobrig's options, the control protocol and runs: a
// label is printed in tables and prompts and kept in the history, so it must be one line of
// text, and it must name a fob of the run it is given with.
#pragma once

#include "rig/core/programming_run.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace fobrig {

// Why `label` cannot name a fob (a control character, over 64 bytes), or nothing.
std::optional<std::string> label_problem(const std::string& label);

// A label given for a slot that is not among the run's fobs, said with the run's slots, or
// nothing.
std::optional<std::string> stray_label(const std::vector<FobUnderTest>& fobs,
                                       const std::map<int, std::string>& labels);

} // namespace fobrig
