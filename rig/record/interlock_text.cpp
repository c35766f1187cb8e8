#include "rig/record/interlock_text.hpp"

namespace fobrig {

std::string interlock_text(const InterlockRecord& interlock) {
    return "the enable wave on " + interlock.line + " (" + ms_precise_text(interlock.period) +
           " period, board held " + ms_precise_text(interlock.hold) + ")";
}

} // namespace fobrig
