// The run's thread allocates nothing between its edges: the Mini's whole ritual and its
// verifications, for every slot of the two-fob rig (and of the same rig behind the interlock,
// whose wave the thread plays between the edges), in virtual time on lines that keep only their
// levels, with the guard's pulse published. This binary counts each thread's heap
// allocations (bench/allocation_count.hpp).
#include "bench/allocation_count.hpp"
#include "rig/config/procedure_file.hpp"
#include "rig/config/rig_file.hpp"
#include "rig/core/run_pulse.hpp"
#include "rig/core/sequencer.hpp"

#include "tests/support/scripted_rig.hpp"

#include <gtest/gtest.h>

#include <array>
#include <thread>

namespace fobrig {
namespace {

// Lines that remember their levels in place, and note the thread's allocations at the first
// edge.
class QuietLines final : public Backend {
public:
    QuietLines(Clock& clock, std::size_t enable_channel)
        : clock_(clock), enable_channel_(enable_channel) {}
    void drive(std::span<const OutputLevel> levels) override {
        for (const auto& level : levels) {
            lines_[level.channel % lines_.size()] = level.active;
            toggles += level.channel == enable_channel_;
        }
        if (edges_++ == 0) {
            at_first_edge = bench::allocations_on_this_thread();
        }
    }
    void release_all() noexcept override { lines_.fill(false); }
    std::vector<InputEdge> wait(Instant deadline) override {
        clock_.sleep_until(deadline);
        return {};
    }

    std::uint64_t at_first_edge = 0;
    std::size_t toggles = 0; // of the enable line

private:
    Clock& clock_;
    std::size_t enable_channel_;
    std::array<bool, 64> lines_{};
    std::size_t edges_ = 0;
};

// Plays the session on `rig_file`; returns how many times the enable line changed.
std::size_t expect_no_allocation_after_the_first_edge(const std::string& rig_file) {
    const auto procedure = load_procedure_file(FOBRIG_CONFIG_DIR "/procedures/mini-r50-2004.toml");
    const auto rig = load_rig_file(FOBRIG_CONFIG_DIR "/rigs/" + rig_file);
    EXPECT_TRUE(procedure.ok() && rig.ok());
    if (!procedure.ok() || !rig.ok()) {
        return 0;
    }
    // Prepared before the run, as a run prepares each step's plan before its first edge.
    std::vector<SequencePlan> plans;
    for (const int slot : rig.value->slots) {
        for (const auto& step : procedure.value->steps) {
            if (const auto* seq = std::get_if<SequenceStep>(&step.body)) {
                plans.push_back(plan_sequence(step.id, *seq, *rig.value, slot));
            }
        }
    }
    testing::ManualClock clock;
    QuietLines lines(clock, rig.value->enable_channel());
    RunRecorder recorder(*rig.value, {});
    recorder.record().commanded.reserve(1000);
    RunPulse pulse(rig.value->outputs.size());
    const std::atomic<bool> abort{false};
    std::uint64_t after_first_edge = 0;
    std::size_t played = 0;
    std::thread run([&] {
        Sequencer sequencer(clock, lines, *rig.value, recorder, abort, {.pulse = &pulse});
        for (const auto& plan : plans) {
            played += sequencer.play(plan, clock.now() + seconds(1) + plan.lead()) == Played::whole;
        }
        after_first_edge = bench::allocations_on_this_thread() - lines.at_first_edge;
    });
    run.join();
    EXPECT_EQ(played, plans.size());
    std::size_t levels = 0;
    for (const auto& plan : plans) {
        for (const auto& edge : plan.edges) {
            levels += edge.levels.size();
        }
    }
    EXPECT_EQ(recorder.record().commanded.size(), levels);
    EXPECT_EQ(after_first_edge, 0u);
    return lines.toggles;
}

TEST(RunThreadAllocations, TheWholeMiniSessionAllocatesNothingAfterTheFirstEdge) {
    EXPECT_EQ(expect_no_allocation_after_the_first_edge("sim-2.toml"), 0u);
}

TEST(RunThreadAllocations, TheInterlocksWaveBetweenTheEdgesAllocatesNothingEither) {
    // Ten toggles at least for each of the session's sequences: the wave did play.
    EXPECT_GT(expect_no_allocation_after_the_first_edge("sim-2-interlock.toml"), 200u);
}

// Kept where the compiler cannot see it unused: a new whose result is dropped may be elided.
std::unique_ptr<int> kept;

TEST(RunThreadAllocations, TheCountSeesAnAllocationOnItsOwnThreadOnly) {
    std::uint64_t other = 0;
    std::thread([&] {
        const std::uint64_t start = bench::allocations_on_this_thread();
        kept = std::make_unique<int>(7);
        other = bench::allocations_on_this_thread() - start;
    }).join();
    EXPECT_EQ(other, 1u);
    const std::uint64_t before = bench::allocations_on_this_thread();
    kept = std::make_unique<int>(8);
    EXPECT_EQ(bench::allocations_on_this_thread() - before, 1u);
}

} // namespace
} // namespace fobrig
