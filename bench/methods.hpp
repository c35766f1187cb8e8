// The ways of hitting the schedule's instants that the benchmark compares, each returning every
// edge's error, and cyclictest's measure of the machine's own floor.
#pragma once

#include "bench/placement.hpp"
#include "bench/stats.hpp"
#include "rig/core/schedule.hpp"
#include "rig/platform/realtime.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace fobrig::bench {

struct MethodResult {
    std::string method;
    Stats stats;
    double cpu_seconds = 0;
    std::string note; // how it ran, e.g. whether real-time scheduling was granted
    // A relative-sleep loop's error grows edge by edge; this is each sleep's own lateness.
    std::optional<Stats> per_sleep;
};

// How the real sequencer runs: on its own real-time thread, placed.
struct RunSetup {
    platform::RealtimeOptions realtime;
    Placement placement;
};

// The real sequencer on a loopback backend: lines that only remember their levels, so that
// what is measured is the sequencer's timing, not a GPIO ioctl's.
MethodResult run_fobrig(const Rig& rig, const SequencePlan& plan, const RunSetup& setup);

// As run_fobrig, on `rig`'s interlock: the sequencer plays the enable line's wave between the
// edges, as a run on an interlocked rig does.
MethodResult run_fobrig_interlock(const Rig& rig, const SequencePlan& plan, const RunSetup& setup);

// The real sequencer on the libgpiod backend, on `rig`'s lines on real kernel chips: an edge's
// error is when the kernel's line change returned.
MethodResult run_fobrig_gpiod(const Rig& rig, const SequencePlan& plan, const RunSetup& setup);

// for each edge: std::this_thread::sleep_for(gap since the previous edge), then drive.
MethodResult run_sleep_for(const SequencePlan& plan);

// The same loop in Python with time.sleep (bench/naive_sleep.py).
MethodResult run_python(const SequencePlan& plan, const std::filesystem::path& script);

// cyclictest at the same priority and on the same CPU, one thread, 1 ms interval, for
// `seconds`: the lateness of a bare timer wake-up on this machine now, which no method can beat.
MethodResult run_cyclictest(int seconds, const RunSetup& setup);

} // namespace fobrig::bench
