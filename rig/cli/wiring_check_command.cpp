// The check on the rig's libgpiod lines and this terminal: the outputs' lines are printed as soon
// as they are measured, the sense inputs' after the operator's requests.
#include "rig/cli/wiring_check_command.hpp"

#include "rig/cli/exit_codes.hpp"
#include "rig/cli/stdin_wiring_console.hpp"
#include "rig/config/reported.hpp"
#include "rig/config/rig_file.hpp"
#include "rig/core/output_check.hpp"
#include "rig/core/sense_check.hpp"
#include "rig/gpiod/gpiod_backend.hpp"
#include "rig/gpiod/line_plan.hpp"
#include "rig/platform/monotonic_clock.hpp"
#include "rig/record/decimal_text.hpp"
#include "rig/record/wiring_report.hpp"

#include <algorithm>
#include <iostream>
#include <unistd.h>

namespace fobrig {
namespace {

bool any_fault(const auto& checks) {
    return std::ranges::any_of(checks, [](const auto& check) { return check.fault(); });
}

} // namespace

int wiring_check_command(const ClientOptions& client, const WiringCheckOptions& options) {
    const auto loaded = reported(load_rig_file(options.rig_file));
    if (!loaded) {
        return exit_code::usage;
    }
    const Rig& rig = *loaded;
    if (rig.backend != "gpiod") {
        std::cerr << "fobrig: " << options.rig_file.string() << ": wiring-check drives real "
                  << "lines; this rig's backend is '" << rig.backend << "'\n";
        return exit_code::usage;
    }
    if (daemon_is_busy(client)) {
        std::cerr << "fobrig: a run is going on the rig; wiring-check waits until it ends\n";
        return exit_code::run_failed;
    }
    const bool terminal = ::isatty(STDIN_FILENO) && ::isatty(STDOUT_FILENO);
    const bool ask = options.prompt && terminal;
    try {
        // Enter ends the backend's wait, so that a skip is seen at once.
        const auto backend = open_gpiod_backend(rig, {.wake_fd = ask ? STDIN_FILENO : -1});
        // Read before any output moves the car.
        SenseCheckPlan sense_plan{.time_limit = options.time_limit};
        for (std::size_t input = 0; input < rig.senses.size(); ++input) {
            sense_plan.levels.push_back(backend->read_input(input));
        }
        platform::MonotonicClock clock;
        std::cout << "outputs, each closed for " << decimal_text(options.pulse, milliseconds(1), 0)
                  << " ms:\n"
                  << std::flush;
        const auto outputs = check_outputs(
            *backend, clock, rig,
            {.pulse = options.pulse,
             .settle = options.pulse,
             .read_line = [&](std::size_t channel) { return backend->read_output(channel); }});
        std::cout << output_report(outputs, rig) << std::flush;
        StdinWiringConsole console(clock);
        const auto senses =
            check_senses(*backend, clock, rig, sense_plan, ask ? &console : nullptr);
        std::cout << "sense inputs"
                  << (ask              ? ""
                      : options.prompt ? ", not tried (no terminal)"
                                       : ", not tried (--no-prompt)")
                  << ":\n"
                  << sense_report(senses, rig);
        return any_fault(outputs) || any_fault(senses) ? exit_code::run_failed : exit_code::ok;
    } catch (const LineRequestError& error) {
        std::cerr << "fobrig: " << options.rig_file.string() << ": " << error.what() << '\n';
        return exit_code::usage;
    }
}

} // namespace fobrig
