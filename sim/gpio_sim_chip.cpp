// gpio-sim's configfs interface: a directory per chip, a bank under it, "live" to make it.
#include "sim/gpio_sim_chip.hpp"

#include "sim/sysfs_file.hpp"

#include <chrono>
#include <fstream>
#include <stdexcept>
#include <thread>
#include <unistd.h>

namespace fobrig::sim {

std::optional<std::string> GpioSimChip::unavailable() {
    if (!std::filesystem::is_directory(configfs)) {
        return "no gpio-sim: needs configfs at /sys/kernel/config and the gpio-sim module "
               "(scripts/test-kernel-gpio boots a kernel that has them)";
    }
    if (geteuid() != 0) {
        return "gpio-sim chips are made by root";
    }
    return std::nullopt;
}

GpioSimChip::GpioSimChip(const std::string& label, unsigned lines)
    : dir_(std::filesystem::path(configfs) / label) {
    std::filesystem::create_directory(dir_);
    try {
        std::filesystem::create_directory(dir_ / "bank0");
        write_attribute(dir_ / "bank0/num_lines", std::to_string(lines));
        write_attribute(dir_ / "bank0/label", label);
        write_attribute(dir_ / "live", "1");
        const GpioSimBank bank = gpio_sim_bank(dir_, dir_ / "bank0");
        chip_name_ = bank.chip_name;
        lines_dir_ = bank.lines_dir;
        // devtmpfs makes the node a moment after the chip goes live.
        for (int i = 0; i < 200 && !std::filesystem::exists(path()); ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        if (!std::filesystem::exists(path())) {
            throw std::runtime_error("gpio-sim: " + path() + " did not appear");
        }
    } catch (...) {
        remove();
        throw;
    }
}

GpioSimChip::~GpioSimChip() {
    remove();
}

GpioSimLine GpioSimChip::line(unsigned offset) const {
    return GpioSimLine(lines_dir_ / ("sim_gpio" + std::to_string(offset)));
}

void GpioSimChip::remove() noexcept {
    // configfs removes a chip only once it is no longer live, and a bank before its chip.
    std::ofstream(dir_ / "live") << "0";
    std::error_code ignored;
    std::filesystem::remove(dir_ / "bank0", ignored);
    std::filesystem::remove(dir_, ignored);
}

} // namespace fobrig::sim
