// Running each method on the schedule and collecting its edge errors.
#include "bench/methods.hpp"

#include "bench/process.hpp"
#include "rig/core/sequencer.hpp"
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

// Lines that only remember their levels, stamping when each change "returned": the cost of a
// real GPIO ioctl is the gpiod backend's, not the method's.
class LoopbackBackend final : public Backend {
public:
    explicit LoopbackBackend(std::size_t edges) { returned.reserve(edges); }

    void drive(std::span<const OutputLevel> levels) override {
        for (const auto& level : levels) {
            lines_[level.channel % lines_.size()] = level.active;
        }
        returned.push_back(monotonic_now());
    }
    void release_all() noexcept override { lines_.fill(false); }
    std::vector<InputEdge> wait(Instant deadline) override {
        platform::sleep_in_kernel_until(deadline);
        return {};
    }

    std::vector<Instant> returned;

private:
    std::array<bool, 64> lines_{};
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

} // namespace

MethodResult run_fobrig(const Rig& rig, const SequencePlan& plan,
                        const platform::RealtimeOptions& realtime) {
    LoopbackBackend backend(plan.edges.size());
    RunRecorder recorder(rig, {});
    recorder.record().commanded.reserve(plan.edges.size() * 2);
    const std::atomic<bool> abort{false};
    platform::MonotonicClock clock;
    Instant anchor{};
    double cpu = 0;
    const auto report = platform::run_on_realtime_thread(realtime, [&] {
        Sequencer sequencer(clock, backend, rig, recorder, abort);
        const double cpu_before = thread_cpu_seconds();
        anchor = clock.now() + start_delay;
        sequencer.play(plan, anchor);
        cpu = thread_cpu_seconds() - cpu_before;
    });
    return {.method = "fobrig",
            .stats = summarise(errors_us(plan, anchor, backend.returned)),
            .cpu_seconds = cpu,
            .note = report.granted() ? report.summary() : "NOT real-time: " + report.refused};
}

MethodResult run_sleep_for(const SequencePlan& plan) {
    LoopbackBackend backend(plan.edges.size());
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

MethodResult run_cyclictest(int seconds, const platform::RealtimeOptions& realtime) {
    // Buckets of 1 us up to 2 ms; anything beyond is an overflow, counted at cyclictest's max.
    constexpr int buckets = 2000;
    const ProcessOutput run = run_capturing(
        {"cyclictest", "--mlockall", "--priority=" + std::to_string(realtime.priority),
         "--policy=fifo", "--threads=1", "--interval=1000", "--duration=" + std::to_string(seconds),
         "--histogram=" + std::to_string(buckets), "--quiet"});
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
            .note = "SCHED_FIFO " + std::to_string(realtime.priority) + ", 1 ms interval, " +
                    std::to_string(seconds) + " s"};
}

} // namespace fobrig::bench
