// What the kernel says about a chip and its lines, without requesting any: the backends' chip
// lookup and free-line check, and `fobrig doctor`. One file per libgpiod API version.
#pragma once

#include "rig/gpiod/line_plan.hpp"

#include <string>

namespace fobrig {

// A chip's label and line count; throws std::system_error when it cannot be opened.
ChipInfo describe_gpiochip(const std::string& path);

struct LineUse {
    bool used = false;
    std::string consumer; // "" when the kernel names none
};

// Whether another consumer (a process, or a kernel driver such as an LED or SPI) holds a line
// now; throws std::system_error when the chip cannot be opened or has no such line.
LineUse line_use(const std::string& chip_path, unsigned offset);

// The libgpiod this program runs on: "1.6.3", "2.1.3".
std::string libgpiod_version();

} // namespace fobrig
