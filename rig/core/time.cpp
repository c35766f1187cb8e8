#include "rig/core/time.hpp"

namespace fobrig {

double to_seconds(Duration d) { return std::chrono::duration<double>(d).count(); }

} // namespace fobrig
