#include "rig/gpiod/safe_state.hpp"

#include "rig/gpiod/gpiod_backend.hpp"

namespace fobrig {

std::size_t drive_safe_state(const Rig& rig) {
    // The request itself sets every output inactive; open_all() says so again in case a
    // kernel kept the request's initial values from an earlier owner.
    const auto lines = open_gpiod_backend(rig, {.consumer = "fobrig-safe-state"});
    lines->open_all();
    return rig.output_lines();
}

} // namespace fobrig
