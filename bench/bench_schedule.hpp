// The benchmark's schedule: the Mini procedure's presses and gaps, then a dense 5 ms grid, as
// one plan on the shipped two-fob rig.
#pragma once

#include "rig/core/rig_wiring.hpp"
#include "rig/core/schedule.hpp"

#include <filesystem>

namespace fobrig::bench {

struct BenchSchedule {
    Rig rig;
    Rig interlocked;   // the same lines behind the enable interlock (sim-2-interlock)
    SequencePlan plan; // edges from 0 on, in order
};

// The learn and both verify steps of mini-r50-2004 for slot 1, each after its start_after pause
// as a run would play them, then `grid_edges` edges 5 ms apart on slot 1's boot button.
BenchSchedule make_bench_schedule(const std::filesystem::path& config_dir, std::size_t grid_edges);

// The first `count` edges of `plan`: the naive loops' share of the same schedule.
SequencePlan first_edges(const SequencePlan& plan, std::size_t count);

} // namespace fobrig::bench
