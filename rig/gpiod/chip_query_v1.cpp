// Chips and lines on libgpiod 1.6.
#include "rig/gpiod/chip_query.hpp"

#include <gpiod.h>
#include <gpiod.hpp>

namespace fobrig {

ChipInfo describe_gpiochip(const std::string& path) {
    const gpiod::chip chip(path, gpiod::chip::OPEN_BY_PATH);
    return {.path = path, .label = chip.label(), .num_lines = chip.num_lines()};
}

LineUse line_use(const std::string& chip_path, unsigned offset) {
    const gpiod::chip chip(chip_path, gpiod::chip::OPEN_BY_PATH);
    const gpiod::line line = chip.get_line(offset);
    return {.used = line.is_used(), .consumer = line.consumer()};
}

std::string libgpiod_version() {
    return gpiod_version_string();
}

} // namespace fobrig
