// What the kernel does with an output line that a process gives back (or loses by dying):
// mainline pinctrl drivers return it to an input, so a relay opens; Raspberry Pi kernels keep
// it driven at its last level unless told otherwise, so a crash mid-press holds a fob button.
// Read from the pinctrl drivers' module parameters, which those kernels expose in sysfs.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace fobrig::platform {

enum class ReleasePolicy {
    kept_driven,       // a freed output stays driven (Raspberry Pi OS's default)
    returned_to_input, // mainline: a freed output becomes an input
    unknown,           // a Raspberry Pi kernel that says neither
};

const char* to_string(ReleasePolicy policy);

struct GpioReleasePolicy {
    ReleasePolicy policy = ReleasePolicy::unknown;
    std::string where;  // the file that told, "" when none did
    std::string detail; // one sentence for the log and `status`
    std::string fix;    // how to get the mainline behaviour; "" when in force already
};

// Reads the parameters under `sys_root` ("/sys"; a fake tree in tests):
// module/pinctrl_bcm2835 (Pi 1-4, Zero) and module/pinctrl_rp1 (Pi 5), each either
// persist_gpio_outputs (Y: kept driven; kernels from raspberrypi/linux#6150 on) or the
// earlier strict_gpiod (Y: returned to input; raspberrypi/linux#6117). Any driver keeping its
// outputs decides. With neither, a device tree model naming a Raspberry Pi gives unknown (its
// kernels before 2024 keep outputs without saying so), anything else the mainline behaviour.
GpioReleasePolicy read_gpio_release_policy(const std::filesystem::path& sys_root = "/sys");

// Why runs on GPIO lines are refused, or nothing when they may go ahead: a policy that may
// leave a contact closed after a crash (kept driven or unknown) is refused when `refuse` (the
// daemon's `[safety] kept_driven_outputs = "refuse"`), else only warned about.
std::optional<std::string> release_policy_refusal(const GpioReleasePolicy& policy, bool refuse);

} // namespace fobrig::platform
