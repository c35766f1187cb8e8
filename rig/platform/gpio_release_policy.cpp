#include "rig/platform/gpio_release_policy.hpp"

#include <array>
#include <fstream>

namespace fobrig::platform {

namespace {

struct Driver {
    const char* module; // as sysfs names it: '-' becomes '_'
    const char* boards;
    const char* cmdline; // the kernel command line's form of the fix
};

constexpr std::array<Driver, 2> drivers{{
    {"pinctrl_bcm2835", "Raspberry Pi 1-4 and Zero (pinctrl-bcm2835)",
     "pinctrl_bcm2835.persist_gpio_outputs=n"},
    {"pinctrl_rp1", "Raspberry Pi 5 (pinctrl-rp1)", "pinctrl_rp1.persist_gpio_outputs=n"},
}};

// A bool module parameter reads "Y" or "N" (older kernels "1" or "0").
std::optional<bool> read_flag(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::string text;
    if (!(in >> text)) {
        return std::nullopt;
    }
    if (text == "Y" || text == "y" || text == "1") {
        return true;
    }
    if (text == "N" || text == "n" || text == "0") {
        return false;
    }
    return std::nullopt;
}

std::string fix_for(const Driver& driver) {
    return std::string("add the line dtparam=strict_gpiod to /boot/firmware/config.txt, or ") +
           driver.cmdline + " to /boot/firmware/cmdline.txt, and reboot";
}

bool is_raspberry_pi(const std::filesystem::path& sys_root) {
    std::ifstream in(sys_root / "firmware/devicetree/base/model");
    std::string model;
    std::getline(in, model, '\0');
    return model.find("Raspberry Pi") != std::string::npos;
}

} // namespace

const char* to_string(ReleasePolicy policy) {
    switch (policy) {
    case ReleasePolicy::kept_driven:
        return "kept-driven";
    case ReleasePolicy::returned_to_input:
        return "returned-to-input";
    case ReleasePolicy::unknown:
        break;
    }
    return "unknown";
}

GpioReleasePolicy read_gpio_release_policy(const std::filesystem::path& sys_root) {
    std::optional<GpioReleasePolicy> returned;
    for (const Driver& driver : drivers) {
        const auto parameters = sys_root / "module" / driver.module / "parameters";
        std::optional<bool> kept;
        std::filesystem::path where = parameters / "persist_gpio_outputs";
        if (const auto persist = read_flag(where)) {
            kept = *persist;
        } else if (const auto strict = read_flag(where = parameters / "strict_gpiod")) {
            kept = !*strict;
        }
        if (!kept) {
            continue;
        }
        if (*kept) {
            return {.policy = ReleasePolicy::kept_driven,
                    .where = where.string(),
                    .detail = std::string(driver.boards) +
                              " keeps a freed output driven: a crash mid-press leaves the fob "
                              "button held until the safe-state command runs",
                    .fix = fix_for(driver)};
        }
        returned = GpioReleasePolicy{.policy = ReleasePolicy::returned_to_input,
                                     .where = where.string(),
                                     .detail = std::string(driver.boards) +
                                               " returns a freed output to an input",
                                     .fix = ""};
    }
    if (returned) {
        return *returned;
    }
    if (is_raspberry_pi(sys_root)) {
        return {.policy = ReleasePolicy::unknown,
                .where = (sys_root / "firmware/devicetree/base/model").string(),
                .detail = "a Raspberry Pi kernel that names no release policy: its kernels "
                          "before 2024 keep a freed output driven",
                .fix = "update the kernel (sudo apt full-upgrade), then " + fix_for(drivers[0])};
    }
    return {.policy = ReleasePolicy::returned_to_input,
            .where = "",
            .detail = "no Raspberry Pi pinctrl driver: the mainline drivers return a freed output "
                      "to an input",
            .fix = ""};
}

std::optional<std::string> release_policy_refusal(const GpioReleasePolicy& policy, bool refuse) {
    if (policy.policy == ReleasePolicy::returned_to_input || !refuse) {
        return std::nullopt;
    }
    return "runs on GPIO lines are refused: " + policy.detail + "; to fix: " + policy.fix +
           " (or set [safety] kept_driven_outputs = \"warn\" in the config to run anyway)";
}

} // namespace fobrig::platform
