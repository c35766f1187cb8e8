// Setting a wire's level and telling its listeners.
#include "sim/wire.hpp"

namespace fobrig::sim {

void Wire::set(bool level) {
    if (level == level_) {
        return;
    }
    level_ = level;
    for (const Listener& listener : listeners_) {
        listener(level);
    }
}

} // namespace fobrig::sim
