// fobrig_bench: the same schedule through fobrig's sequencer (on loopback lines, and on a
// gpio-sim chip's kernel lines where there is one), a sleep_for loop and a Python time.sleep
// loop, under each condition, beside cyclictest's floor; as text or one JSON object. What the
// machine lacks (a guest's busybox has no Python) is skipped, saying why.
#include "bench/arguments.hpp"
#include "bench/bench_schedule.hpp"
#include "bench/conditions.hpp"
#include "bench/methods.hpp"
#include "bench/process.hpp"
#include "bench/whole_run_figures.hpp"
#include "sim/gpio_sim_chip.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <sys/utsname.h>
#include <thread>
#include <unistd.h>

namespace fobrig::bench {
namespace {

using json = nlohmann::ordered_json;

struct Options {
    bool json = false;
    std::size_t grid_edges = 2000;
    std::size_t naive_edges = 420; // the Mini part and the start of the grid
    int floor_seconds = 10;
    RunSetup run;
    std::set<std::string> only; // conditions to measure; empty for all
};

Options parse(int argc, char** argv) {
    Options options;
    for (Arguments args(argc, argv); args.next();) {
        const std::string& arg = args.option();
        const auto text = [&] { return args.value(); };
        const auto value = [&] { return std::stoul(text()); };
        if (arg == "--json") {
            options.json = true;
        } else if (arg == "--grid-edges") {
            options.grid_edges = value();
        } else if (arg == "--naive-edges") {
            options.naive_edges = value();
        } else if (arg == "--floor-seconds") {
            options.floor_seconds = static_cast<int>(value());
        } else if (arg == "--priority") {
            options.run.realtime.priority = static_cast<int>(value());
        } else if (arg == "--run-cpu") {
            options.run.placement = Placement(static_cast<int>(value()));
        } else if (arg == "--conditions") {
            std::istringstream names(text());
            for (std::string name; std::getline(names, name, ',');) {
                options.only.insert(name);
            }
        } else {
            throw std::invalid_argument(
                "usage: fobrig_bench [--json] [--grid-edges N] [--naive-edges N] "
                "[--floor-seconds S] [--priority P] [--run-cpu CPU] "
                "[--conditions idle,stress,control-socket]");
        }
    }
    return options;
}

json machine() {
    utsname names{};
    uname(&names);
    std::string model;
    bool hypervisor = false;
    std::ifstream cpuinfo("/proc/cpuinfo");
    for (std::string line; std::getline(cpuinfo, line);) {
        if (model.empty() && line.rfind("model name", 0) == 0) {
            model = line.substr(line.find(':') + 2);
        }
        hypervisor = hypervisor ||
                     (line.rfind("flags", 0) == 0 && line.find(" hypervisor") != std::string::npos);
    }
    return {{"cpus", std::thread::hardware_concurrency()},
            {"kernel", std::string(names.sysname) + " " + names.release + " " + names.machine},
            {"cpu", model},
            {"virtual_machine", hypervisor}};
}

json figures(const MethodResult& m) {
    json f = {{"edges", m.stats.samples},     {"p50_us", m.stats.p50_us},
              {"p99_us", m.stats.p99_us},     {"p99_9_us", m.stats.p999_us},
              {"max_us", m.stats.max_us},     {"stalls_over_1ms", m.stats.stalls},
              {"cpu_seconds", m.cpu_seconds}, {"note", m.note}};
    if (m.per_sleep) {
        f["per_sleep_p50_us"] = m.per_sleep->p50_us;
        f["per_sleep_p99_us"] = m.per_sleep->p99_us;
    }
    return f;
}

double ratio(double naive, double fobrig) {
    return naive / std::max(fobrig, 0.001);
}

// The targets for this condition, each with whether this run met it; those against
// the floor only where cyclictest ran.
json targets(const std::string& condition, const std::optional<MethodResult>& floor,
             const MethodResult& fobrig, const std::vector<MethodResult>& naive) {
    json met = json::object();
    if (condition == "idle") {
        met["p99 <= 50 us or < floor p99"] =
            fobrig.stats.p99_us <= 50 || (floor && fobrig.stats.p99_us < floor->stats.p99_us);
        if (floor) {
            met["p99.9 < floor p99.9"] = fobrig.stats.p999_us < floor->stats.p999_us;
        }
    } else if (condition == "stress") {
        if (floor) {
            met["p99 <= 1.5x floor p99"] = fobrig.stats.p99_us <= 1.5 * floor->stats.p99_us;
        }
        for (const auto& m : naive) {
            met[m.method + " >= 100x at p50 and p99"] =
                ratio(m.stats.p50_us, fobrig.stats.p50_us) >= 100 &&
                ratio(m.stats.p99_us, fobrig.stats.p99_us) >= 100;
        }
    }
    return met;
}

json measure(const Condition& condition, const Options& options, const BenchSchedule& bench,
             const std::optional<Rig>& gpiod_rig) {
    const LoadOrReason load = condition.start(options.run.placement);
    if (const auto* reason = std::get_if<std::string>(&load)) {
        return {{"description", condition.description}, {"skipped", *reason}};
    }
    json skipped = json::object();
    std::optional<MethodResult> floor;
    if (on_path("cyclictest")) {
        floor = run_cyclictest(options.floor_seconds, options.run);
    } else {
        skipped["cyclictest (method floor)"] = "no cyclictest on PATH (Debian's rt-tests)";
    }
    const MethodResult fobrig = run_fobrig(bench.rig, bench.plan, options.run);
    const MethodResult interlocked =
        run_fobrig_interlock(bench.interlocked, bench.plan, options.run);
    std::optional<MethodResult> gpiod;
    if (gpiod_rig) {
        gpiod = run_fobrig_gpiod(*gpiod_rig, bench.plan, options.run);
    }
    const SequencePlan naive_plan = first_edges(bench.plan, options.naive_edges);
    std::vector<MethodResult> naive = {run_sleep_for(naive_plan)};
    if (on_path("python3")) {
        naive.push_back(run_python(naive_plan, std::string(FOBRIG_BENCH_DIR) + "/naive_sleep.py"));
    } else {
        skipped["python time.sleep loop"] = "no python3 on PATH";
    }

    json methods = json::object();
    json ratios = json::object();
    if (floor) {
        methods[floor->method] = figures(*floor);
    }
    methods[fobrig.method] = figures(fobrig);
    methods[interlocked.method] = figures(interlocked);
    if (gpiod) {
        methods[gpiod->method] = figures(*gpiod);
    }
    for (const auto& m : naive) {
        methods[m.method] = figures(m);
        ratios[m.method] = {{"p50", ratio(m.stats.p50_us, fobrig.stats.p50_us)},
                            {"p99", ratio(m.stats.p99_us, fobrig.stats.p99_us)}};
    }
    return {{"description", condition.description},
            {"methods", methods},
            {"skipped_methods", skipped},
            {"times_fobrig", ratios},
            {"targets_met", targets(condition.name, floor, fobrig, naive)}};
}

void print_text(const json& report) {
    const json& m = report["machine"];
    std::printf("machine: %d CPUs%s, %s, %s\n", m["cpus"].get<int>(),
                m["virtual_machine"].get<bool>() ? " (virtual machine)" : "",
                m["kernel"].get<std::string>().c_str(), m["cpu"].get<std::string>().c_str());
    std::printf("schedule: %s\n", report["schedule"].get<std::string>().c_str());
    std::printf("placement: %s\n", report["placement"].get<std::string>().c_str());
    std::printf("gpiod: %s\n", report["gpiod"].get<std::string>().c_str());
    for (const auto& [name, run] : report["whole_run"].items()) {
        std::printf("whole run (%s): mini-r50-2004 for 2 fobs on the simulated car, virtual time, "
                    "followed as fobrigd follows it: %s in %zu attempt%s, %zu edges, %zu events "
                    "told (%llu dropped); run thread: %llu heap allocations between its first "
                    "and last edge\n",
                    name.c_str(), run["outcome"].get<std::string>().c_str(),
                    run["attempts"].get<std::size_t>(),
                    run["attempts"].get<std::size_t>() == 1 ? "" : "s",
                    run["edges"].get<std::size_t>(), run["events"].get<std::size_t>(),
                    static_cast<unsigned long long>(run["events_dropped"].get<std::uint64_t>()),
                    static_cast<unsigned long long>(run["allocations"].get<std::uint64_t>()));
    }
    std::printf("\n");
    for (const auto& [name, c] : report["conditions"].items()) {
        std::printf("[%s] %s\n", name.c_str(), c["description"].get<std::string>().c_str());
        if (c.contains("skipped")) {
            std::printf("  %s\n\n", c["skipped"].get<std::string>().c_str());
            continue;
        }
        std::printf("  %-26s %6s %9s %9s %9s %9s %5s %7s %11s\n", "method", "edges", "p50 us",
                    "p99 us", "p99.9 us", "max us", ">1ms", "CPU s", "x fobrig");
        for (const auto& [method, f] : c["methods"].items()) {
            std::string times;
            if (c["times_fobrig"].contains(method)) {
                char text[48];
                std::snprintf(text, sizeof text, "%.0f/%.0f",
                              c["times_fobrig"][method]["p50"].get<double>(),
                              c["times_fobrig"][method]["p99"].get<double>());
                times = text;
            }
            std::printf("  %-26s %6zu %9.1f %9.1f %9.1f %9.1f %5zu %7.3f %11s\n", method.c_str(),
                        f["edges"].get<std::size_t>(), f["p50_us"].get<double>(),
                        f["p99_us"].get<double>(), f["p99_9_us"].get<double>(),
                        f["max_us"].get<double>(), f["stalls_over_1ms"].get<std::size_t>(),
                        f["cpu_seconds"].get<double>(), times.c_str());
        }
        for (const auto& [method, f] : c["methods"].items()) {
            if (f.contains("per_sleep_p50_us")) {
                std::printf("  %s: each sleep's own lateness p50 %.1f us, p99 %.1f us\n",
                            method.c_str(), f["per_sleep_p50_us"].get<double>(),
                            f["per_sleep_p99_us"].get<double>());
            }
        }
        for (const auto& [method, reason] : c["skipped_methods"].items()) {
            std::printf("  skipped %s: %s\n", method.c_str(), reason.get<std::string>().c_str());
        }
        for (const auto& [method, f] : c["methods"].items()) {
            if (method.starts_with("fobrig")) {
                std::printf("  %s ran %s\n", method.c_str(), f["note"].get<std::string>().c_str());
            }
        }
        for (const auto& [target, met] : c["targets_met"].items()) {
            std::printf("  target %-40s %s\n", target.c_str(), met.get<bool>() ? "met" : "MISSED");
        }
        std::printf("\n");
    }
}

// The benchmark's rig with every line on `chip`, driven through libgpiod.
Rig on_chip(Rig rig, const std::string& chip) {
    rig.backend = "gpiod";
    for (auto& output : rig.outputs) {
        output.line.chip = chip;
    }
    for (auto& sense : rig.senses) {
        sense.line.chip = chip;
    }
    return rig;
}

// The control-socket target, against this run's idle figure: the load may not move
// fobrig's p99 by 10 % or more.
void add_control_socket_target(json& conditions) {
    if (!conditions.contains("idle") || !conditions.contains("control-socket") ||
        !conditions["idle"].contains("methods") ||
        !conditions["control-socket"].contains("methods")) {
        return;
    }
    const double idle = conditions["idle"]["methods"]["fobrig"]["p99_us"].get<double>();
    json& loaded = conditions["control-socket"];
    loaded["targets_met"]["p99 < 1.1x idle p99 of this run"] =
        loaded["methods"]["fobrig"]["p99_us"].get<double>() < 1.1 * idle;
}

int run(int argc, char** argv) {
    const Options options = parse(argc, argv);
    const BenchSchedule bench = make_bench_schedule(FOBRIG_CONFIG_DIR, options.grid_edges);
    // One chip for the whole run, removed at its end; the pid keeps concurrent runs apart.
    std::optional<sim::GpioSimChip> chip;
    std::optional<Rig> gpiod_rig;
    std::string gpiod;
    if (const auto reason = sim::GpioSimChip::unavailable()) {
        gpiod = "fobrig-gpiod not measured: " + *reason;
    } else {
        chip.emplace("fobrig-bench-" + std::to_string(getpid()), 16);
        gpiod_rig = on_chip(bench.rig, chip->path());
        gpiod = "fobrig-gpiod on gpio-sim " + chip->name() + " (libgpiod backend, kernel lines)";
    }
    json report = {
        {"machine", machine()},
        {"schedule", std::to_string(bench.plan.edges.size()) +
                         " edges (mini-r50-2004's learn and verify " +
                         "presses with their pauses, then a " + std::to_string(options.grid_edges) +
                         "-edge 5 ms grid); the naive loops run its first " +
                         std::to_string(std::min(options.naive_edges, bench.plan.edges.size())) +
                         " edges (fewer edges only lowers their accumulated error)"},
        {"placement", options.run.placement.describe()},
        {"gpiod", gpiod},
        {"whole_run", whole_run_figures(FOBRIG_CONFIG_DIR)}};
    for (const std::string& name : options.only) {
        if (std::ranges::none_of(conditions(),
                                 [&](const Condition& c) { return c.name == name; })) {
            throw std::invalid_argument("no condition '" + name + "'");
        }
    }
    for (const Condition& condition : conditions()) {
        if (!options.only.empty() && !options.only.contains(condition.name)) {
            continue;
        }
        if (!options.json) {
            std::fprintf(stderr, "bench: measuring '%s'...\n", condition.name.c_str());
        }
        report["conditions"][condition.name] = measure(condition, options, bench, gpiod_rig);
    }
    add_control_socket_target(report["conditions"]);
    if (options.json) {
        std::cout << report.dump(2) << '\n';
    } else {
        print_text(report);
    }
    return 0;
}

} // namespace
} // namespace fobrig::bench

int main(int argc, char** argv) {
    try {
        return fobrig::bench::run(argc, argv);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "fobrig_bench: %s\n", error.what());
        return 1;
    }
}
