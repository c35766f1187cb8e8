// The far side of gpio-sim's lines, as the kernel's simulator shows them in sysfs: an output's
// level is read from its value, an input is driven by setting its pull. This is how the
// simulated car is wired to a rig that drives real kernel lines through libgpiod.
#pragma once

#include "rig/core/rig_wiring.hpp"

#include <filesystem>
#include <vector>

namespace fobrig::sim {

struct GpioSimBank {
    std::string chip_name;           // "gpiochip3"
    std::string label;               // the bank's label, which a rig file may name
    std::filesystem::path lines_dir; // /sys/devices/platform/gpio-sim.0/gpiochip3
};

// The live bank `bank` of the gpio-sim device whose configfs folder is `device`, as its
// attributes describe it. Throws std::runtime_error when one cannot be read.
GpioSimBank gpio_sim_bank(const std::filesystem::path& device, const std::filesystem::path& bank);

// Every live gpio-sim bank made through configfs (`configfs` is where gpio-sim's folder is).
std::vector<GpioSimBank>
live_gpio_sim_banks(const std::filesystem::path& configfs = "/sys/kernel/config/gpio-sim");

class GpioSimLine {
public:
    // The line `ref` names on one of `banks`, by chip label, name, path or number. Throws
    // std::runtime_error naming `who` when no bank or line matches.
    GpioSimLine(const LineRef& ref, const std::vector<GpioSimBank>& banks, const std::string& who);
    // The line whose sysfs folder (…/gpiochipN/sim_gpioM) is `dir`.
    explicit GpioSimLine(std::filesystem::path dir) : dir_(std::move(dir)) {}

    // The level as the simulator sees it: what a requested output drives, else the pull.
    bool high() const;
    // The level an unrequested line, or an input, reads.
    void pull(bool up) const;

private:
    std::filesystem::path dir_;
};

} // namespace fobrig::sim
