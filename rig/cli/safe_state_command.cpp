#include "rig/cli/safe_state_command.hpp"

#include "rig/cli/exit_codes.hpp"
#include "rig/config/daemon_config_file.hpp"
#include "rig/config/procedure_lookup.hpp"
#include "rig/config/reported.hpp"
#include "rig/config/rig_file.hpp"
#include "rig/gpiod/safe_state.hpp"
#include "rig/platform/gpio_release_policy.hpp"

#include <nlohmann/json.hpp>

#include <iostream>
#include <optional>

namespace fobrig {

namespace {

// What safe-state did, in words for the terminal and as fields for --json.
struct SafeStateOutcome {
    std::string rig;     // its name, or empty when there was none to drive
    std::string summary; // the terminal's line
    std::size_t outputs = 0;
    std::optional<platform::GpioReleasePolicy> policy;
};

SafeStateOutcome put_right(const SafeStateOptions& options, int& status) {
    std::filesystem::path rig_file = options.rig_file;
    if (rig_file.empty()) {
        const auto config = reported(load_daemon_config(options.config_file, {}, false));
        if (!config) {
            status = exit_code::usage;
            return {};
        }
        if (config->rig.empty()) {
            // fobrigd drives nothing without a rig: there is nothing to put right.
            return {.summary = options.config_file.string() + " names no rig"};
        }
        try {
            rig_file = find_rig(config->rig.string(), options.rigs_dir);
        } catch (const std::exception& error) {
            std::cerr << "fobrig: " << error.what() << '\n';
            status = exit_code::usage;
            return {};
        }
    }
    const auto rig = reported(load_rig_file(rig_file));
    if (!rig) {
        status = exit_code::usage;
        return {};
    }
    if (rig->backend != "gpiod") {
        // A simulated rig drives no line: there is nothing to put right.
        return {.rig = rig->name,
                .summary =
                    rig_file.string() + ": backend '" + rig->backend + "' drives no GPIO line"};
    }
    const std::size_t outputs = drive_safe_state(*rig);
    // Whether they now stay inactive or float to their pulls is the kernel's choice.
    return {.rig = rig->name,
            .summary = std::to_string(outputs) + " outputs of rig " + rig->name +
                       (rig->enable ? " (its enable line among them)" : "") +
                       " driven inactive and given back",
            .outputs = outputs,
            .policy = platform::read_gpio_release_policy()};
}

} // namespace

int safe_state_command(const SafeStateOptions& options, bool json) {
    int status = exit_code::ok;
    const SafeStateOutcome outcome = put_right(options, status);
    if (status != exit_code::ok) {
        return status;
    }
    if (json) {
        nlohmann::json document{
            {"rig", outcome.rig.empty() ? nlohmann::json() : nlohmann::json(outcome.rig)},
            {"outputs_driven_inactive", outcome.outputs},
            {"summary", outcome.summary}};
        if (outcome.policy) {
            document["release_policy"] = {{"policy", to_string(outcome.policy->policy)},
                                          {"detail", outcome.policy->detail}};
        }
        std::cout << document.dump(2) << '\n';
        return status;
    }
    std::cout << "safe-state: " << outcome.summary << '\n';
    if (outcome.policy) {
        std::cout << "safe-state: GPIO release policy " << to_string(outcome.policy->policy) << ": "
                  << outcome.policy->detail << '\n';
    }
    return status;
}

} // namespace fobrig
