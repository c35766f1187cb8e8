#include "rig/doctor/gpio_checks.hpp"

#include <filesystem>

namespace fobrig {
namespace {

std::string chip_name(const ChipInfo& chip) {
    return std::filesystem::path(chip.path).filename().string();
}

const std::string udev_fix =
    "install the udev rule that gives /dev/gpiochip* to group gpio (in the package; from source: "
    "packaging/fobrig-gpio.rules to /etc/udev/rules.d/60-fobrig-gpio.rules), then sudo udevadm "
    "trigger --subsystem-match=gpio";

DoctorCheck one_chip(const ChipInfo& chip, const UserFacts& user, const std::string& daemon_group) {
    const std::string name = chip_name(chip);
    const FileFacts device = file_facts(chip.path);
    const std::string access = device.error == 0 ? " (" + permissions_text(device) + ")" : "";
    if (!chip.problem.empty()) {
        return {.check = name,
                .status = CheckStatus::warning,
                .found = "cannot open " + chip.path + access + ": " + chip.problem,
                .fix = user.uid == 0 ? udev_fix
                                     : "sudo usermod -aG gpio " + user.name +
                                           ", then log out and in again; or " + udev_fix};
    }
    const std::string found =
        "'" + chip.label + "', " + std::to_string(chip.num_lines) + " lines" + access;
    // fobrigd opens it as a member of daemon_group (the unit's SupplementaryGroups=).
    const bool daemon_may = device.error != 0 || (device.mode & 06) == 06 ||
                            (device.group == daemon_group && (device.mode & 060) == 060);
    if (!daemon_may) {
        return {.check = name,
                .status = CheckStatus::warning,
                .found = found + ": fobrigd (group " + daemon_group + ") cannot open it",
                .fix = udev_fix};
    }
    if (device.error == 0 && !may(device, user, 06)) {
        return {.check = name,
                .status = CheckStatus::warning,
                .found = found + ": " + user.name +
                         " cannot open it, so fobrig wiring-check and calibrate need sudo",
                .fix = "sudo usermod -aG " + device.group + " " + user.name +
                       ", then log out and in again"};
    }
    return {.check = name, .found = found};
}

} // namespace

DoctorCheck libgpiod_check(const std::string& version, int api) {
    return {.check = "libgpiod", .found = version + " (API " + std::to_string(api) + ")"};
}

std::vector<DoctorCheck> chip_checks(const std::vector<ChipInfo>& chips, const UserFacts& user,
                                     const std::string& daemon_group) {
    if (chips.empty()) {
        return {{.check = "gpiochips",
                 .status = CheckStatus::warning,
                 .found = "there is no /dev/gpiochip* at all: this kernel has no GPIO driver, or "
                          "/dev is not the host's (a container)",
                 .fix = "on a Raspberry Pi, boot Raspberry Pi OS or Debian's arm64 kernel; a "
                        "simulated rig needs no chip"}};
    }
    std::vector<DoctorCheck> checks;
    for (const ChipInfo& chip : chips) {
        checks.push_back(one_chip(chip, user, daemon_group));
    }
    return checks;
}

std::vector<DoctorCheck> rig_line_checks(const Rig& rig, const std::vector<ChipInfo>& chips,
                                         const LineUseQuery& use_of, bool daemon_answers) {
    if (rig.backend != "gpiod") {
        return {{.check = "lines", .found = "simulated rig: no GPIO lines to check"}};
    }
    std::vector<DoctorCheck> checks;
    for (const RigLine& line : rig_lines(rig)) {
        DoctorCheck check{.check = "line " + line.user};
        try {
            const ChipInfo& chip = chip_of(line.line, chips, line.planned.who);
            const LineUse use = use_of(chip.path, line.line.offset);
            const std::string where =
                chip_name(chip) + " '" + chip.label + "' line " + std::to_string(line.line.offset);
            const std::string holder =
                use.consumer.empty() ? "a consumer with no name" : "'" + use.consumer + "'";
            if (!use.used) {
                check.found = where + ", free";
            } else if (use.consumer == fobrig_consumer && daemon_answers) {
                check.status = CheckStatus::warning;
                check.found = where + " is held by the running fobrigd";
                check.fix = "nothing for runs through fobrigd; fobrig wiring-check and calibrate "
                            "need it stopped first: sudo systemctl stop fobrigd";
            } else {
                check.status = CheckStatus::error;
                check.found = where + " is used by " + holder;
                check.fix = use.consumer == fobrig_consumer
                                ? "stop the fobrig command or fobrigd holding it (sudo "
                                  "systemctl stop fobrigd)"
                                : "stop the program holding it, or free the pin from the kernel "
                                  "driver using it (a dtoverlay or dtparam in "
                                  "/boot/firmware/config.txt), or wire the rig to another line";
            }
        } catch (const std::exception& e) {
            // The message starts with the line's user, which the check's name already says.
            const std::string what = e.what();
            const std::string prefix = line.planned.who + ": ";
            check.status = CheckStatus::error;
            check.found = what.starts_with(prefix) ? "chip '" + line.line.chip + "' line " +
                                                         std::to_string(line.line.offset) + ": " +
                                                         what.substr(prefix.size())
                                                   : what;
            check.fix = chips.empty() ? "this machine has no gpiochip (see gpiochips above)"
                                      : "name the chip by its label and a line it has (the "
                                        "chips are listed above; gpioinfo shows every line), "
                                        "then fobrig validate the rig";
        }
        checks.push_back(std::move(check));
    }
    return checks;
}

} // namespace fobrig
