// gpio-sim's configfs and sysfs attributes, read and written as plain files.
#include "sim/gpio_sim_lines.hpp"

#include "rig/gpiod/line_plan.hpp"
#include "sim/sysfs_file.hpp"

#include <stdexcept>

namespace fobrig::sim {

GpioSimBank gpio_sim_bank(const std::filesystem::path& device, const std::filesystem::path& bank) {
    const std::string chip = read_attribute(bank / "chip_name");
    return {.chip_name = chip,
            .label = read_attribute(bank / "label"),
            .lines_dir = std::filesystem::path("/sys/devices/platform") /
                         read_attribute(device / "dev_name") / chip};
}

std::vector<GpioSimBank> live_gpio_sim_banks(const std::filesystem::path& configfs) {
    std::vector<GpioSimBank> banks;
    std::error_code missing;
    for (const auto& device : std::filesystem::directory_iterator(configfs, missing)) {
        if (read_attribute(device.path() / "live") != "1") {
            continue;
        }
        for (const auto& bank : std::filesystem::directory_iterator(device.path())) {
            if (std::filesystem::exists(bank.path() / "chip_name")) {
                banks.push_back(gpio_sim_bank(device.path(), bank.path()));
            }
        }
    }
    return banks;
}

GpioSimLine::GpioSimLine(const LineRef& ref, const std::vector<GpioSimBank>& banks,
                         const std::string& who) {
    // The rig's own chip lookup, so that a label means here what it means to the backend.
    std::vector<ChipInfo> chips;
    for (const GpioSimBank& bank : banks) {
        chips.push_back({.path = "/dev/" + bank.chip_name, .label = bank.label});
    }
    const std::string path = resolve_chip(ref.chip, chips, who);
    for (const GpioSimBank& bank : banks) {
        if ("/dev/" + bank.chip_name == path) {
            dir_ = bank.lines_dir / ("sim_gpio" + std::to_string(ref.offset));
        }
    }
    if (!std::filesystem::exists(dir_ / "value")) {
        throw std::runtime_error(who + ": gpio-sim chip " + ref.chip + " has no line " +
                                 std::to_string(ref.offset));
    }
}

bool GpioSimLine::high() const {
    return read_attribute(dir_ / "value") == "1";
}

void GpioSimLine::pull(bool up) const {
    write_attribute(dir_ / "pull", up ? "pull-up" : "pull-down");
}

} // namespace fobrig::sim
