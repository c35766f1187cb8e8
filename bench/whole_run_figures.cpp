#include "bench/whole_run_figures.hpp"

#include "bench/whole_run_count.hpp"
#include "bench/whole_run_events.hpp"
#include "rig/config/procedure_file.hpp"
#include "rig/config/rig_file.hpp"
#include "sim/car_models.hpp"
#include "sim/sim_bench.hpp"
#include "sim/virtual_clock.hpp"

#include <atomic>
#include <stdexcept>

namespace fobrig::bench {

namespace {

template <class T> T loaded(LoadResult<T> result, const std::string& path) {
    if (!result.ok()) {
        throw std::runtime_error(path + ": " + format(result.errors.front()));
    }
    return std::move(*result.value);
}

nlohmann::json figures(const Procedure& procedure, const Rig& rig, sim::SimFaults faults) {
    sim::World world{Instant{}};
    sim::VirtualClock clock{world};
    sim::SimBench bench(world, clock, rig, sim::make_car("mini-r50"), {}, std::move(faults));
    const std::atomic<bool> abort{false};
    DaemonFollower daemon;
    const WholeRun run = count_whole_run(
        {.procedure = procedure, .rig = rig, .fobs = {{1, "owner-A"}, {2, "owner-B"}}},
        {clock, bench.backend(), bench.operator_console(), abort}, {.daemon = &daemon.observer()});
    const std::uint64_t dropped = daemon.drain();
    return {{"outcome", to_string(run.record.outcome)},
            {"attempts", run.record.attempts.size()},
            {"edges", run.edges},
            {"events", daemon.events().size()},
            {"events_dropped", dropped},
            {"allocations", run.allocations}};
}

} // namespace

nlohmann::json whole_run_figures(const std::string& config_dir) {
    const std::string procedure_path = config_dir + "/procedures/mini-r50-2004.toml";
    const std::string rig_path = config_dir + "/rigs/sim-2.toml";
    const Procedure procedure = loaded(load_procedure_file(procedure_path), procedure_path);
    const Rig rig = loaded(load_rig_file(rig_path), rig_path);
    return {{"passing", figures(procedure, rig, {})},
            {"failing", figures(procedure, rig, {.flat_battery_slots = {2}})}};
}

} // namespace fobrig::bench
