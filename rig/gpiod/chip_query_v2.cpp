// Chips and lines on libgpiod 2.
#include "rig/gpiod/chip_query.hpp"

#include <gpiod.hpp>

namespace fobrig {

ChipInfo describe_gpiochip(const std::string& path) {
    const gpiod::chip chip(path);
    const gpiod::chip_info info = chip.get_info();
    return {
        .path = path, .label = info.label(), .num_lines = static_cast<unsigned>(info.num_lines())};
}

LineUse line_use(const std::string& chip_path, unsigned offset) {
    const gpiod::chip chip(chip_path);
    const gpiod::line_info info = chip.get_line_info(offset);
    return {.used = info.used(), .consumer = info.consumer()};
}

std::string libgpiod_version() {
    return gpiod::api_version();
}

} // namespace fobrig
