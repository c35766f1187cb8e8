// fobrig_bench: the same schedule through fobrig's sequencer, a sleep_for loop and a Python
// time.sleep loop, under each condition, beside cyclictest's floor; as text or one JSON object.
#include "bench/bench_schedule.hpp"
#include "bench/conditions.hpp"
#include "bench/methods.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <sys/utsname.h>
#include <thread>

namespace fobrig::bench {
namespace {

using json = nlohmann::ordered_json;

struct Options {
    bool json = false;
    std::size_t grid_edges = 2000;
    std::size_t naive_edges = 420; // the Mini part and the start of the grid
    int floor_seconds = 10;
    platform::RealtimeOptions realtime;
};

Options parse(int argc, char** argv) {
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const auto value = [&] {
            if (i + 1 >= argc) {
                throw std::invalid_argument(arg + " needs a value");
            }
            return std::stoul(argv[++i]);
        };
        if (arg == "--json") {
            options.json = true;
        } else if (arg == "--grid-edges") {
            options.grid_edges = value();
        } else if (arg == "--naive-edges") {
            options.naive_edges = value();
        } else if (arg == "--floor-seconds") {
            options.floor_seconds = static_cast<int>(value());
        } else if (arg == "--priority") {
            options.realtime.priority = static_cast<int>(value());
        } else {
            throw std::invalid_argument(
                "usage: fobrig_bench [--json] [--grid-edges N] [--naive-edges N] "
                "[--floor-seconds S] [--priority P]");
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

// The targets for this condition, each with whether this run met it.
json targets(const std::string& condition, const MethodResult& floor, const MethodResult& fobrig,
             const std::vector<MethodResult>& naive) {
    json met = json::object();
    if (condition == "idle") {
        met["p99 <= 50 us or < floor p99"] =
            fobrig.stats.p99_us <= 50 || fobrig.stats.p99_us < floor.stats.p99_us;
        met["p99.9 < floor p99.9"] = fobrig.stats.p999_us < floor.stats.p999_us;
    } else if (condition == "stress") {
        met["p99 <= 1.5x floor p99"] = fobrig.stats.p99_us <= 1.5 * floor.stats.p99_us;
        for (const auto& m : naive) {
            met[m.method + " >= 100x at p50 and p99"] =
                ratio(m.stats.p50_us, fobrig.stats.p50_us) >= 100 &&
                ratio(m.stats.p99_us, fobrig.stats.p99_us) >= 100;
        }
    }
    return met;
}

json measure(const Condition& condition, const Options& options, const BenchSchedule& bench) {
    const LoadOrReason load = condition.start();
    if (const auto* reason = std::get_if<std::string>(&load)) {
        return {{"description", condition.description}, {"skipped", *reason}};
    }
    const MethodResult floor = run_cyclictest(options.floor_seconds, options.realtime);
    const MethodResult fobrig = run_fobrig(bench.rig, bench.plan, options.realtime);
    const SequencePlan naive_plan = first_edges(bench.plan, options.naive_edges);
    const std::vector<MethodResult> naive = {
        run_sleep_for(naive_plan),
        run_python(naive_plan, std::string(FOBRIG_BENCH_DIR) + "/naive_sleep.py")};

    json methods = json::object();
    json ratios = json::object();
    for (const MethodResult* m : {&floor, &fobrig}) {
        methods[m->method] = figures(*m);
    }
    for (const auto& m : naive) {
        methods[m.method] = figures(m);
        ratios[m.method] = {{"p50", ratio(m.stats.p50_us, fobrig.stats.p50_us)},
                            {"p99", ratio(m.stats.p99_us, fobrig.stats.p99_us)}};
    }
    return {{"description", condition.description},
            {"methods", methods},
            {"times_fobrig", ratios},
            {"targets_met", targets(condition.name, floor, fobrig, naive)}};
}

void print_text(const json& report) {
    const json& m = report["machine"];
    std::printf("machine: %d CPUs%s, %s, %s\n", m["cpus"].get<int>(),
                m["virtual_machine"].get<bool>() ? " (virtual machine)" : "",
                m["kernel"].get<std::string>().c_str(), m["cpu"].get<std::string>().c_str());
    std::printf("schedule: %s\n\n", report["schedule"].get<std::string>().c_str());
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
        std::printf("  fobrig ran %s\n", c["methods"]["fobrig"]["note"].get<std::string>().c_str());
        for (const auto& [target, met] : c["targets_met"].items()) {
            std::printf("  target %-40s %s\n", target.c_str(), met.get<bool>() ? "met" : "MISSED");
        }
        std::printf("\n");
    }
}

int run(int argc, char** argv) {
    const Options options = parse(argc, argv);
    const BenchSchedule bench = make_bench_schedule(FOBRIG_CONFIG_DIR, options.grid_edges);
    json report = {
        {"machine", machine()},
        {"schedule", std::to_string(bench.plan.edges.size()) +
                         " edges (mini-r50-2004's learn and verify " +
                         "presses with their pauses, then a " + std::to_string(options.grid_edges) +
                         "-edge 5 ms grid); the naive loops run its first " +
                         std::to_string(std::min(options.naive_edges, bench.plan.edges.size())) +
                         " edges (fewer edges only lowers their accumulated error)"}};
    for (const Condition& condition : conditions()) {
        if (!options.json) {
            std::fprintf(stderr, "bench: measuring '%s'...\n", condition.name.c_str());
        }
        report["conditions"][condition.name] = measure(condition, options, bench);
    }
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
