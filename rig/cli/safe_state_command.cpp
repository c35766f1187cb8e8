#include "rig/cli/safe_state_command.hpp"

#include "rig/cli/exit_codes.hpp"
#include "rig/config/daemon_config_file.hpp"
#include "rig/config/procedure_lookup.hpp"
#include "rig/config/reported.hpp"
#include "rig/config/rig_file.hpp"
#include "rig/gpiod/safe_state.hpp"
#include "rig/platform/gpio_release_policy.hpp"

#include <iostream>

namespace fobrig {

int safe_state_command(const SafeStateOptions& options) {
    std::filesystem::path rig_file = options.rig_file;
    if (rig_file.empty()) {
        const auto config = reported(load_daemon_config(options.config_file, {}, false));
        if (!config) {
            return exit_code::usage;
        }
        if (config->rig.empty()) {
            // fobrigd drives nothing without a rig: there is nothing to put right.
            std::cout << "safe-state: " << options.config_file.string() << " names no rig\n";
            return exit_code::ok;
        }
        try {
            rig_file = find_rig(config->rig.string(), options.rigs_dir);
        } catch (const std::exception& error) {
            std::cerr << "fobrig: " << error.what() << '\n';
            return exit_code::usage;
        }
    }
    const auto rig = reported(load_rig_file(rig_file));
    if (!rig) {
        return exit_code::usage;
    }
    if (rig->backend != "gpiod") {
        // A simulated rig drives no line: there is nothing to put right.
        std::cout << "safe-state: " << rig_file.string() << ": backend '" << rig->backend
                  << "' drives no GPIO line\n";
        return exit_code::ok;
    }
    const std::size_t outputs = drive_safe_state(*rig);
    std::cout << "safe-state: " << outputs << " outputs of rig " << rig->name
              << (rig->enable ? " (its enable line among them)" : "")
              << " driven inactive and given back\n";
    // Whether they now stay inactive or float to their pulls is the kernel's choice.
    const auto policy = platform::read_gpio_release_policy();
    std::cout << "safe-state: GPIO release policy " << to_string(policy.policy) << ": "
              << policy.detail << '\n';
    return exit_code::ok;
}

} // namespace fobrig
