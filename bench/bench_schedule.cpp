// Building the benchmark's plan from the shipped procedure and rig files.
#include "bench/bench_schedule.hpp"

#include "rig/config/procedure_file.hpp"
#include "rig/config/rig_file.hpp"

#include <stdexcept>

namespace fobrig::bench {

namespace {

constexpr Duration grid_step = milliseconds(5);

template <class T> T loaded(LoadResult<T> result, const std::filesystem::path& path) {
    if (!result.ok()) {
        throw std::runtime_error("cannot load " + path.string());
    }
    return std::move(*result.value);
}

// Appends `part` after a pause, returning where the plan's time now ends.
Duration append(SequencePlan& plan, const SequencePlan& part, Duration from) {
    const Duration origin = from + part.lead();
    for (TimedEdge edge : part.edges) {
        edge.at += origin;
        edge.contact += origin;
        plan.edges.push_back(std::move(edge));
    }
    return origin + part.last_edge();
}

} // namespace

BenchSchedule make_bench_schedule(const std::filesystem::path& config_dir, std::size_t grid_edges) {
    const auto procedure_path = config_dir / "procedures" / "mini-r50-2004.toml";
    const auto rig_path = config_dir / "rigs" / "sim-2.toml";
    const Procedure procedure = loaded(load_procedure_file(procedure_path), procedure_path);
    const auto interlocked_path = config_dir / "rigs" / "sim-2-interlock.toml";
    BenchSchedule bench{.rig = loaded(load_rig_file(rig_path), rig_path),
                        .interlocked = loaded(load_rig_file(interlocked_path), interlocked_path)};
    bench.plan = {.step_id = "bench", .slot = 1, .tolerance = milliseconds(20)};

    Duration end{};
    for (const auto& step : procedure.steps) {
        if (const auto* seq = std::get_if<SequenceStep>(&step.body)) {
            end = append(bench.plan, plan_sequence(step.id, *seq, bench.rig, 1),
                         end + seq->start_after);
        }
    }
    SequenceStep grid;
    for (std::size_t i = 0; i < grid_edges; ++i) {
        const bool press = i % 2 == 0;
        grid.actions.push_back(
            {.name = press ? "grid press" : "grid lift",
             .at = grid_step * static_cast<Duration::rep>(i),
             .press = press ? std::vector<std::string>{"boot"} : std::vector<std::string>{},
             .release = press ? std::vector<std::string>{} : std::vector<std::string>{"boot"}});
    }
    append(bench.plan, plan_sequence("grid", grid, bench.rig, 1), end + grid_step);
    return bench;
}

SequencePlan first_edges(const SequencePlan& plan, std::size_t count) {
    SequencePlan part = plan;
    part.edges.resize(std::min(count, plan.edges.size()));
    return part;
}

} // namespace fobrig::bench
