#include "rig/cli/local_run.hpp"

#include "rig/cli/abort_on_signal.hpp"
#include "rig/cli/echoing_console.hpp"
#include "rig/cli/exit_codes.hpp"
#include "rig/cli/stdin_console.hpp"
#include "rig/config/procedure_file.hpp"
#include "rig/config/procedure_lookup.hpp"
#include "rig/config/reported.hpp"
#include "rig/config/rig_file.hpp"
#include "rig/core/applicability.hpp"
#include "rig/gpiod/gpiod_backend.hpp"
#include "rig/gpiod/line_plan.hpp"
#include "rig/platform/monotonic_clock.hpp"
#include "rig/platform/realtime.hpp"
#include "rig/protocol/fob_label.hpp"
#include "rig/record/run_directory.hpp"
#include "rig/record/run_json.hpp"
#include "rig/record/target_text.hpp"
#include "rig/record/timing_table.hpp"
#include "rig/record/utc_text.hpp"
#include "sim/fault_options.hpp"
#include "sim/simulated_rig.hpp"

#include <spdlog/spdlog.h>

#include <functional>
#include <iostream>
#include <unistd.h>

namespace fobrig {

namespace {

// Reserves the run's id and opens its files before anything is driven: a run that could not
// keep its record is refused, and leaves no folder behind.
std::unique_ptr<RunFiles> open_run_files(RunRequest& request, const std::string& procedure_id,
                                         const LocalRunOptions& options) {
    // Sortable by time and readable, like the daemon's run ids.
    request.run_id = reserve_run_directory(
        options.runs_dir,
        utc_text(std::chrono::system_clock::now(), "%Y%m%d-%H%M%S") + "-" + procedure_id);
    try {
        return std::make_unique<RunFiles>(options.runs_dir / request.run_id);
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(options.runs_dir / request.run_id, ignored); // empty again
        throw;
    }
}

RunRecord execute(RunRequest& request, const LocalRunOptions& options, const TargetRecord& target,
                  const RunServices& services) {
    request.started_utc = iso_utc(std::chrono::system_clock::now());
    spdlog::info("run {}: {} on rig {} ({}), slots {}", request.run_id, request.procedure.name,
                 request.rig.name, target_text(target), slots_text(request.fobs));
    RunRecord record;
    if (options.virtual_time) {
        record = run_procedure(request, services);
    } else {
        // Real time: the edges are played on a SCHED_FIFO thread with memory locked.
        const auto realtime = platform::run_on_realtime_thread(
            {}, [&] { record = run_procedure(request, services); });
        record.realtime = realtime.record();
    }
    record.target = target;
    return record;
}

int finish(const LocalRunOptions& options, const RunRecord& record, RunFiles& files) {
    if (options.json) {
        std::cout << to_json(record).dump(2) << '\n';
    } else {
        std::cout << run_report(record) << '\n';
    }
    try {
        files.write(record);
        spdlog::info("run files: {}, {}", (files.dir() / "run.json").string(),
                     (files.dir() / "run.vcd").string());
    } catch (const std::exception& error) {
        // The run happened: keep its record on the terminal rather than lose it.
        spdlog::error("could not save the run ({}); its record follows", error.what());
        std::cerr << to_json(record).dump() << '\n';
        return exit_code::run_failed;
    }
    return exit_code::for_outcome(to_string(record.outcome));
}

} // namespace

int run_locally(const LocalRunOptions& options, const std::filesystem::path& procedures_dir) {
    std::filesystem::path procedure_path;
    try {
        procedure_path = find_procedure(options.procedure, procedures_dir);
    } catch (const std::exception& error) {
        std::cerr << "fobrig: " << error.what() << '\n';
        return exit_code::usage;
    }
    const auto procedure = reported(load_procedure_file(procedure_path));
    const auto rig = reported(load_rig_file(options.rig_file));
    if (!procedure || !rig) {
        std::cerr << "fobrig: nothing was run: fix the file(s) above first\n";
        return exit_code::usage;
    }
    const std::string key_type = key_type_or_default(*procedure, options.key_type);
    if (const auto refusal = refuse_key_type(*procedure, key_type)) {
        std::cerr << "fobrig: " << procedure->id << " cannot program a " << key_type
                  << " key: " << *refusal << '\n';
        return exit_code::usage;
    }
    RunRequest request{.procedure = *procedure,
                       .rig = *rig,
                       .fobs = fobs_in_slots(*rig, options.slots, options.labels),
                       .mode = options.mode};
    auto refusals = run_refusals(request);
    if (const auto stray = stray_label(request.fobs, options.labels)) {
        refusals.push_back(*stray);
    }
    if (rig->backend != "sim" &&
        (!options.sim_faults.empty() || options.virtual_time || !options.sim_car.empty())) {
        refusals.push_back("rig " + rig->name + " drives real lines (backend " + rig->backend +
                           "): --sim-car, --sim-fault and --virtual-time apply to the simulated "
                           "car only");
    }
    if (!refusals.empty()) {
        for (const auto& refusal : refusals) {
            std::cerr << "fobrig: " << refusal << '\n';
        }
        return exit_code::usage;
    }
    sim::SimSetup setup;
    try {
        setup = sim::parse_sim_faults(options.sim_faults, *rig, options.sim_car);
    } catch (const std::invalid_argument& error) {
        std::cerr << "fobrig: " << error.what() << '\n';
        return exit_code::usage;
    }
    // Once the lines are had: the run's files, then the run; with the simulated car's notes.
    const auto run_with = [&](const TargetRecord& target, const RunServices& services,
                              const std::function<std::vector<std::string>()>& car_notes) {
        std::unique_ptr<RunFiles> files;
        try {
            files = open_run_files(request, procedure->id, options);
        } catch (const std::exception& error) {
            std::cerr << "fobrig: nothing was run: the run's record cannot be kept: "
                      << error.what() << '\n';
            return exit_code::run_failed;
        }
        RunRecord record = execute(request, options, target, services);
        if (car_notes) {
            add_car_notes(record, car_notes());
        }
        return finish(options, record, *files);
    };
    std::ostream& progress = options.json ? std::cerr : std::cout;
    const AbortOnSignal abort;
    if (rig->backend == "gpiod") {
        std::unique_ptr<GpiodBackend> lines;
        try {
            lines = open_gpiod_backend(*rig, {.wake_fd = STDIN_FILENO, .wake_armed = false});
        } catch (const LineRequestError& error) {
            std::cerr << "fobrig: " << options.rig_file.string() << ": " << error.what() << '\n';
            return exit_code::usage;
        }
        platform::MonotonicClock clock;
        StdinConsole console(clock, progress, STDIN_FILENO,
                             [&lines](bool armed) { lines->arm_wake(armed); });
        return run_with({.simulated = false}, {clock, *lines, console, abort.flag()}, {});
    }
    sim::SimulatedRig hardware(*rig, options.virtual_time, setup.faults, setup.person,
                               sim::make_car(setup.car, setup.quirks));
    EchoingConsole console(hardware.operator_console());
    return run_with(sim::simulated_target(setup),
                    {hardware.clock(), hardware.backend(), console, abort.flag()},
                    [&hardware] { return hardware.take_car_notes(); });
}

} // namespace fobrig
