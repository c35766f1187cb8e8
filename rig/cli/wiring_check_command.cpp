#include "rig/cli/wiring_check_command.hpp"

#include "rig/cli/exit_codes.hpp"
#include "rig/config/rig_file.hpp"
#include "rig/gpiod/gpiod_backend.hpp"
#include "rig/gpiod/line_plan.hpp"
#include "rig/gpiod/wiring_check.hpp"
#include "rig/platform/monotonic_clock.hpp"

#include <iostream>

namespace fobrig {

int wiring_check_command(const ClientOptions& client, const std::filesystem::path& rig_file,
                         Duration pulse) {
    const auto loaded = load_rig_file(rig_file);
    for (const auto& error : loaded.errors) {
        std::cerr << format(error) << '\n';
    }
    if (!loaded.ok()) {
        return exit_code::usage;
    }
    const Rig& rig = *loaded.value;
    if (rig.backend != "gpiod") {
        std::cerr << "fobrig: " << rig_file.string() << ": wiring-check drives real lines; this "
                  << "rig's backend is '" << rig.backend << "'\n";
        return exit_code::usage;
    }
    if (daemon_is_busy(client)) {
        std::cerr << "fobrig: a run is going on the rig; wiring-check waits until it ends\n";
        return exit_code::run_failed;
    }
    try {
        const auto backend = open_gpiod_backend(rig);
        platform::MonotonicClock clock;
        const auto checks = check_wiring(*backend, clock, rig, pulse, pulse);
        std::cout << wiring_report(checks, rig);
        const bool all_ok =
            std::all_of(checks.begin(), checks.end(), [](const auto& check) { return check.ok(); });
        return all_ok ? exit_code::ok : exit_code::run_failed;
    } catch (const LineRequestError& error) {
        std::cerr << "fobrig: " << rig_file.string() << ": " << error.what() << '\n';
        return exit_code::usage;
    }
}

} // namespace fobrig
