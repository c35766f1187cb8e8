// A gpio-sim chip made through configfs for one test and removed after it: outputs are read
// back through its sysfs values, inputs driven by flipping its simulated pulls.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <thread>

#include <unistd.h>

namespace fobrig::testing {

class GpioSimChip {
public:
    static constexpr const char* configfs = "/sys/kernel/config/gpio-sim";

    // Why no chip can be made here, if none can. The kernel test sets FOBRIG_REQUIRE_GPIO_SIM
    // so that a guest without gpio-sim fails instead of skipping.
    static std::optional<std::string> unavailable() {
        if (!std::filesystem::is_directory(configfs)) {
            return "no gpio-sim: needs configfs and the gpio-sim module (scripts/test-kernel-gpio "
                   "runs these tests on a kernel that has them)";
        }
        if (geteuid() != 0) {
            return "gpio-sim chips are made by root";
        }
        return std::nullopt;
    }

    GpioSimChip(const std::string& label, unsigned lines)
        : dir_(std::filesystem::path(configfs) / label) {
        std::filesystem::create_directory(dir_);
        std::filesystem::create_directory(dir_ / "bank0");
        put(dir_ / "bank0/num_lines", std::to_string(lines));
        put(dir_ / "bank0/label", label);
        put(dir_ / "live", "1");
        chip_name_ = get(dir_ / "bank0/chip_name");
        lines_dir_ =
            std::filesystem::path("/sys/devices/platform") / get(dir_ / "dev_name") / chip_name_;
        // devtmpfs makes the node a moment after the chip goes live.
        for (int i = 0; i < 200 && !std::filesystem::exists(path()); ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    }
    ~GpioSimChip() {
        put(dir_ / "live", "0");
        std::filesystem::remove(dir_ / "bank0");
        std::filesystem::remove(dir_);
    }
    GpioSimChip(const GpioSimChip&) = delete;
    GpioSimChip& operator=(const GpioSimChip&) = delete;

    std::string name() const { return chip_name_; }
    std::string path() const { return "/dev/" + chip_name_; }
    std::string number() const { return chip_name_.substr(std::string("gpiochip").size()); }

    // The line's level as the simulator sees it: driven by an output, else its pull.
    int value(unsigned offset) const { return std::stoi(get(line(offset) / "value")); }
    void pull(unsigned offset, bool up) {
        put(line(offset) / "pull", up ? "pull-up" : "pull-down");
    }

private:
    std::filesystem::path line(unsigned offset) const {
        return lines_dir_ / ("sim_gpio" + std::to_string(offset));
    }
    static void put(const std::filesystem::path& file, const std::string& text) {
        std::ofstream out(file);
        out << text;
        out.close();
        ASSERT_TRUE(out) << "cannot write " << file;
    }
    static std::string get(const std::filesystem::path& file) {
        std::ifstream in(file);
        std::string text;
        std::getline(in, text);
        return text;
    }

    std::filesystem::path dir_;
    std::string chip_name_;
    std::filesystem::path lines_dir_;
};

} // namespace fobrig::testing
