// Running each method on the schedule and collecting its edge errors.
#include "bench/methods.hpp"

#include "bench/allocation_count.hpp"
#include "bench/process.hpp"
#include "rig/core/sequencer.hpp"
#include "rig/gpiod/gpiod_backend.hpp"
#include "rig/platform/monotonic_clock.hpp"

#include <nlohmann/json.hpp>

#include <atomic>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace fobrig::bench {

namespace {

using platform::monotonic_now;

double thread_cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

double to_us(Duration d) {
    return static_cast<double>(d.count()) / 1e3;
}

// Lines that only remember their levels.
class LoopbackLines final : public Backend {
public:
    void drive(std::span<const OutputLevel> levels) override {
        for (const auto& level : levels) {
            lines_[level.channel % lines_.size()] = level.active;
        }
    }
    void open_all() noexcept override { lines_.fill(false); }
    std::span<const InputEdge> wait(Instant deadline) override {
        platform::sleep_in_kernel_until(deadline);
        return {};
    }

private:
    std::array<bool, 64> lines_{};
};

// Stamps when each change of `lines` returned; one clock read, so that nothing else is added
// to the path being measured. The interlock's toggles (changes of `wave_channel` alone) are
// counted, not stamped: they are no edge of the plan.
class Stamped final : public Backend {
public:
    Stamped(Backend& lines, std::size_t edges, std::size_t wave_channel = SIZE_MAX)
        : lines_(lines), wave_channel_(wave_channel) {
        returned.reserve(edges);
    }

    void drive(std::span<const OutputLevel> levels) override {
        lines_.drive(levels);
        if (levels.size() == 1 && levels[0].channel == wave_channel_) {
            ++toggles;
            return;
        }
        returned.push_back(monotonic_now());
        if (returned.size() == 1) {
            allocations_at_first_edge = allocations_on_this_thread();
        }
    }
    void open_all() noexcept override { lines_.open_all(); }
    std::span<const InputEdge> wait(Instant deadline) override { return lines_.wait(deadline); }

    std::vector<Instant> returned;
    std::uint64_t allocations_at_first_edge = 0; // on the driving thread
    std::size_t toggles = 0;                     // of the interlock's enable line

private:
    Backend& lines_;
    std::size_t wave_channel_;
};

std::vector<double> errors_us(const SequencePlan& plan, Instant anchor,
                              const std::vector<Instant>& returned) {
    std::vector<double> errors;
    for (std::size_t i = 0; i < returned.size(); ++i) {
        errors.push_back(to_us(returned[i] - (anchor + plan.edges[i].at)));
    }
    return errors;
}

// How much later than the previous edge's lateness each edge came.
Stats per_sleep(const std::vector<double>& errors) {
    std::vector<double> increments;
    for (std::size_t i = 1; i < errors.size(); ++i) {
        increments.push_back(errors[i] - errors[i - 1]);
    }
    return summarise(std::move(increments));
}

// Time for the thread to start and, for fobrig, to lock memory before the first edge.
constexpr Duration start_delay = milliseconds(200);

// The real sequencer on `lines`, on its own real-time thread.
MethodResult play(const std::string& method, Backend& lines, const Rig& rig,
                  const SequencePlan& plan, const RunSetup& setup) {
    Stamped backend(lines, plan.edges.size(), rig.enable ? rig.enable_channel() : SIZE_MAX);
    RunRecorder recorder(rig, {});
    recorder.record().commanded.reserve(plan.edges.size() * 2);
    const std::atomic<bool> abort{false};
    platform::MonotonicClock clock;
    Instant anchor{};
    double cpu = 0;
    std::string stall;
    std::uint64_t allocations = 0;
    const auto report = platform::run_on_realtime_thread(setup.realtime, [&] {
        setup.placement.pin_run_thread();
        Sequencer sequencer(clock, backend, rig, recorder, abort);
        const double cpu_before = thread_cpu_seconds();
        anchor = clock.now() + start_delay;
        if (sequencer.play(plan, anchor) == Played::stalled) {
            stall = sequencer.stall();
        }
        cpu = thread_cpu_seconds() - cpu_before;
        allocations = allocations_on_this_thread() - backend.allocations_at_first_edge;
    });
    std::string note = report.granted() ? report.summary() : "NOT real-time: " + report.refused;
    note +=
        "; run thread: " + std::to_string(allocations) + " heap allocations after its first edge";
    if (rig.enable) {
        note += "; interlock wave: " + std::to_string(backend.toggles) +
                " toggles of the enable line between the edges";
    }
    if (!stall.empty()) {
        // As in a run: past the plan's tolerance the sequencer plays no more edges.
        note += "; STOPPED by " + stall + " after " + std::to_string(backend.returned.size()) +
                " of " + std::to_string(plan.edges.size()) + " edges (every output opened)";
    }
    return {.method = method,
            .stats = summarise(errors_us(plan, anchor, backend.returned)),
            .cpu_seconds = cpu,
            .note = note};
}

} // namespace

MethodResult run_fobrig(const Rig& rig, const SequencePlan& plan, const RunSetup& setup) {
    LoopbackLines lines;
    return play("fobrig", lines, rig, plan, setup);
}

MethodResult run_fobrig_interlock(const Rig& rig, const SequencePlan& plan, const RunSetup& setup) {
    LoopbackLines lines;
    return play("fobrig + interlock wave", lines, rig, plan, setup);
}

MethodResult run_fobrig_gpiod(const Rig& rig, const SequencePlan& plan, const RunSetup& setup) {
    const auto lines = open_gpiod_backend(rig, {.consumer = "fobrig-bench"});
    MethodResult result = play("fobrig-gpiod", *lines, rig, plan, setup);
    result.note += "; gpio-sim loops no output back to an input, so the kernel's stamp of the "
                   "edge on a read-back line is not measured";
    return result;
}

MethodResult run_sleep_for(const SequencePlan& plan) {
    LoopbackLines lines;
    Stamped backend(lines, plan.edges.size());
    Instant anchor{};
    double cpu = 0;
    std::thread([&] {
        const double cpu_before = thread_cpu_seconds();
        anchor = monotonic_now() + start_delay;
        Duration previous = -start_delay;
        for (const auto& edge : plan.edges) {
            std::this_thread::sleep_for(edge.at - previous);
            previous = edge.at;
            backend.drive(edge.levels);
        }
        cpu = thread_cpu_seconds() - cpu_before;
    }).join();
    const auto errors = errors_us(plan, anchor, backend.returned);
    return {.method = "sleep_for loop",
            .stats = summarise(errors),
            .cpu_seconds = cpu,
            .note = "SCHED_OTHER, relative sleeps",
            .per_sleep = per_sleep(errors)};
}

MethodResult run_python(const SequencePlan& plan, const std::filesystem::path& script) {
    nlohmann::json at_ns = nlohmann::json::array();
    for (const auto& edge : plan.edges) {
        at_ns.push_back(edge.at.count());
    }
    char name[] = "/tmp/fobrig-bench-XXXXXX";
    const int fd = mkstemp(name);
    if (fd < 0) {
        throw std::runtime_error("cannot create a temporary file for the Python baseline");
    }
    close(fd);
    std::ofstream(name) << at_ns.dump();
    const ProcessOutput run = run_capturing({"python3", script.string(), name});
    std::remove(name);
    if (!WIFEXITED(run.status) || WEXITSTATUS(run.status) != 0) {
        throw std::runtime_error("the Python baseline failed");
    }
    const auto result = nlohmann::json::parse(run.out);
    std::vector<double> errors;
    for (const auto& ns : result.at("errors_ns")) {
        errors.push_back(ns.get<double>() / 1e3);
    }
    return {.method = "python time.sleep loop",
            .stats = summarise(errors),
            .cpu_seconds = result.at("cpu_s").get<double>(),
            .note = "SCHED_OTHER, relative sleeps",
            .per_sleep = per_sleep(errors)};
}

MethodResult run_cyclictest(int seconds, const RunSetup& setup) {
    // Buckets of 1 us up to 2 ms; anything beyond is an overflow, counted at cyclictest's max.
    constexpr int buckets = 2000;
    const int priority = setup.realtime.priority;
    std::vector<std::string> argv = {"cyclictest",
                                     "--mlockall",
                                     "--priority=" + std::to_string(priority),
                                     "--policy=fifo",
                                     "--threads=1",
                                     "--interval=1000",
                                     "--duration=" + std::to_string(seconds),
                                     "--histogram=" + std::to_string(buckets),
                                     "--quiet"};
    if (const auto cpu = setup.placement.run_cpu()) {
        argv.push_back("--affinity=" + std::to_string(*cpu));
    }
    const ProcessOutput run = run_capturing(argv);
    std::vector<double> samples;
    double max_us = 0;
    std::size_t overflows = 0;
    std::istringstream lines(run.out);
    for (std::string line; std::getline(lines, line);) {
        unsigned long a = 0;
        unsigned long b = 0;
        if (std::sscanf(line.c_str(), "# Max Latencies: %lu", &a) == 1) {
            max_us = static_cast<double>(a);
        } else if (std::sscanf(line.c_str(), "# Histogram Overflows: %lu", &a) == 1) {
            overflows = a;
        } else if (line[0] != '#' && std::sscanf(line.c_str(), "%lu %lu", &a, &b) == 2) {
            samples.insert(samples.end(), b, static_cast<double>(a));
        }
    }
    if (samples.empty()) {
        throw std::runtime_error("cyclictest gave no histogram (is rt-tests installed?)");
    }
    samples.insert(samples.end(), overflows, max_us);
    return {.method = "cyclictest (method floor)",
            .stats = summarise(std::move(samples)),
            .cpu_seconds = run.cpu_seconds,
            .note = "SCHED_FIFO " + std::to_string(priority) + ", 1 ms interval, " +
                    std::to_string(seconds) + " s"};
}

} // namespace fobrig::bench
