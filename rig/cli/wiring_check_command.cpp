// The check on the rig's libgpiod lines and this terminal, or its rehearsal on the simulated car:
// the outputs' lines are printed as soon as they are measured, the sense inputs' after the
// operator's requests; with --json the same lines go to stderr and one document to stdout.
#include "rig/cli/wiring_check_command.hpp"

#include "rig/cli/daemon_call.hpp"
#include "rig/cli/exit_codes.hpp"
#include "rig/cli/stdin_wiring_console.hpp"
#include "rig/config/reported.hpp"
#include "rig/config/rig_file.hpp"
#include "rig/gpiod/gpiod_backend.hpp"
#include "rig/gpiod/line_plan.hpp"
#include "rig/platform/monotonic_clock.hpp"
#include "rig/record/decimal_text.hpp"
#include "rig/record/wiring_json.hpp"
#include "rig/record/wiring_report.hpp"
#include "sim/car_by_hand.hpp"
#include "sim/simulated_rig.hpp"

#include <iostream>
#include <unistd.h>

namespace fobrig {
namespace {

// What the checks run on: real lines and this terminal, or the simulator.
struct CheckBench {
    Backend& backend;
    Clock& clock;
    std::function<bool(std::size_t channel)> read_line; // the kernel's read; null if none
    std::vector<bool> levels;                           // the sense inputs' at the start
    WiringConsole* console;                             // null: sense inputs not tried
    const char* not_tried = "";                         // why, without a console
    bool simulated = false;
    std::vector<int> car_knows; // simulated: the slots whose fobs the car answers
};

int check_and_report(const Rig& rig, const WiringCheckOptions& options, bool json,
                     CheckBench bench) {
    std::ostream& text = json ? std::cerr : std::cout;
    if (bench.simulated) {
        text << "a rehearsal on the simulated car, relays and hands: no line is driven\n";
        if (!bench.car_knows.empty()) {
            text << "the simulated car knows the fobs in slots";
            for (std::size_t i = 0; i < bench.car_knows.size(); ++i) {
                text << (i == 0 ? " " : ",") << bench.car_knows[i];
            }
            text << '\n';
        }
    }
    text << "outputs, each closed for " << decimal_text(options.pulse, milliseconds(1), 0)
         << " ms:\n"
         << std::flush;
    const auto outputs = check_outputs(
        bench.backend, bench.clock, rig,
        {.pulse = options.pulse, .settle = options.pulse, .read_line = bench.read_line});
    text << output_report(outputs, rig) << std::flush;
    const auto senses =
        check_senses(bench.backend, bench.clock, rig,
                     {.time_limit = options.time_limit, .levels = bench.levels}, bench.console);
    text << "sense inputs" << (bench.console ? "" : bench.not_tried) << ":\n"
         << sense_report(senses, rig);
    const auto document = wiring_check_json(rig, outputs, senses, bench.simulated);
    if (json) {
        std::cout << document.dump(2) << '\n';
    }
    return document["fault"] ? exit_code::run_failed : exit_code::ok;
}

int rehearse(const Rig& rig, const WiringCheckOptions& options, bool json) {
    sim::SimulatedRig simulated(rig, true);
    sim::SimBench& bench = simulated.bench();
    // A car that knows the fobs on the rig, as at a real check with working keys: each press
    // is answered, as far as its key table reaches (the Mini's keeps 4; an 8-slot rig's other
    // fobs go unanswered, which is no fault).
    std::vector<int> known;
    for (const int slot : rig.slots) {
        if (known.size() < bench.car().key_table_size()) {
            bench.car().preload_key(bench.fob(slot).id(), 0);
            known.push_back(slot);
        }
    }
    sim::CarByHand hands(simulated.world(), bench.car());
    std::vector<bool> levels;
    for (const SenseInput& sense : rig.senses) {
        const sim::Wire* signal = bench.car().signal(sense.role);
        levels.push_back(signal != nullptr && signal->level());
    }
    return check_and_report(
        rig, options, json,
        {.backend = simulated.backend(),
         .clock = simulated.clock(),
         // The relay's coil, as the kernel's read of a line says it is driven.
         .read_line =
             [&](std::size_t channel) { return bench.backend().relay(channel).energised(); },
         .levels = levels,
         .console = options.prompt ? &hands : nullptr,
         .not_tried = ", not tried (--no-prompt)",
         .simulated = true,
         .car_knows = known});
}

int check_lines(const Rig& rig, const WiringCheckOptions& options, bool json) {
    const bool terminal = ::isatty(STDIN_FILENO) && ::isatty(json ? STDERR_FILENO : STDOUT_FILENO);
    const bool ask = options.prompt && terminal;
    // Enter ends the backend's wait, so that a skip is seen at once.
    const auto backend = open_gpiod_backend(rig, {.wake_fd = ask ? STDIN_FILENO : -1});
    // Read before any output moves the car.
    std::vector<bool> levels;
    for (std::size_t input = 0; input < rig.senses.size(); ++input) {
        levels.push_back(backend->read_input(input));
    }
    platform::MonotonicClock clock;
    StdinWiringConsole console(clock, json ? std::cerr : std::cout);
    return check_and_report(
        rig, options, json,
        {.backend = *backend,
         .clock = clock,
         .read_line = [&](std::size_t channel) { return backend->read_output(channel); },
         .levels = levels,
         .console = ask ? &console : nullptr,
         .not_tried = options.prompt ? ", not tried (no terminal)" : ", not tried (--no-prompt)"});
}

} // namespace

int wiring_check_command(const ClientOptions& client, const WiringCheckOptions& options) {
    const auto loaded = reported(load_rig_file(options.rig_file));
    if (!loaded) {
        return exit_code::usage;
    }
    const Rig& rig = *loaded;
    if (options.simulate) {
        return rehearse(rig, options, client.json);
    }
    if (rig.backend != "gpiod") {
        std::cerr << "fobrig: " << options.rig_file.string() << ": wiring-check drives real "
                  << "lines; this rig's backend is '" << rig.backend
                  << "' (rehearse it on the simulated car with --sim)\n";
        return exit_code::usage;
    }
    if (daemon_is_busy(client)) {
        std::cerr << "fobrig: a run is going on the rig; wiring-check waits until it ends\n";
        return exit_code::run_failed;
    }
    try {
        return check_lines(rig, options, client.json);
    } catch (const LineRequestError& error) {
        std::cerr << "fobrig: " << options.rig_file.string() << ": " << error.what() << '\n';
        return exit_code::usage;
    }
}

} // namespace fobrig
