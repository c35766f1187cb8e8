// A gpio-sim chip made through configfs and removed on destruction: a real kernel's GPIO lines
// without hardware, for the tests, the benchmark and the simulated car. An output is wired to
// no input: the far side of a line is its sysfs value (read) and its pull (set).
#pragma once

#include "sim/gpio_sim_lines.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace fobrig::sim {

class GpioSimChip {
public:
    static constexpr const char* configfs = "/sys/kernel/config/gpio-sim";

    // Why no chip can be made here, if none can.
    static std::optional<std::string> unavailable();

    // One bank of `lines` lines labelled `label`; throws std::runtime_error when the kernel
    // refuses, leaving nothing behind.
    GpioSimChip(const std::string& label, unsigned lines);
    ~GpioSimChip();
    GpioSimChip(const GpioSimChip&) = delete;
    GpioSimChip& operator=(const GpioSimChip&) = delete;

    std::string name() const { return chip_name_; }
    std::string path() const { return "/dev/" + chip_name_; }
    std::string number() const { return chip_name_.substr(std::string("gpiochip").size()); }

    // The line's level as the simulator sees it (1 or 0): driven by an output, else its pull.
    int value(unsigned offset) const { return line(offset).high() ? 1 : 0; }
    void pull(unsigned offset, bool up) { line(offset).pull(up); }

private:
    GpioSimLine line(unsigned offset) const;
    void remove() noexcept;

    std::filesystem::path dir_;
    std::string chip_name_;
    std::filesystem::path lines_dir_;
};

} // namespace fobrig::sim
