// The run's thread allocates nothing between its edges: the Mini's whole ritual and its
// verifications, every press answered by the car on an input, for every slot of the two-fob
// rig (and of the same rig behind the interlock, whose wave the thread plays between the
// edges), played in virtual time on lines that keep only their levels, with the guard's pulse
// published and, as in the daemon, every edge handed to the control loop. The record's lists
// are the recorder's own, as a run makes them. This binary counts each thread's heap
// allocations (bench/allocation_count.hpp).
#include "bench/allocation_count.hpp"
#include "rig/config/procedure_file.hpp"
#include "rig/config/rig_file.hpp"
#include "rig/core/run_plans.hpp"
#include "rig/core/run_pulse.hpp"
#include "rig/core/sequencer.hpp"
#include "rig/daemon/event_json.hpp"
#include "rig/daemon/event_observer.hpp"
#include "rig/daemon/event_queue.hpp"

#include "tests/support/scripted_rig.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include <array>
#include <thread>

namespace fobrig {
namespace {

// Lines that remember their levels in place, and note the thread's allocations at the first
// edge. The car answers every press with a pulse on the first sense input 50 ms later, so that
// the run's thread also takes in, records and hands on input edges.
class QuietLines final : public Backend {
public:
    QuietLines(Clock& clock, std::size_t enable_channel)
        : clock_(clock), enable_channel_(enable_channel) {}
    void drive(std::span<const OutputLevel> levels) override {
        for (const auto& level : levels) {
            lines_[level.channel % lines_.size()] = level.active;
            toggles += level.channel == enable_channel_;
            if (level.active && level.channel != enable_channel_) {
                const Instant now = clock_.now();
                answer({.input = 0, .active = true, .at = now + milliseconds(50)});
                answer({.input = 0, .active = false, .at = now + milliseconds(150)});
            }
        }
        if (edges_++ == 0) {
            at_first_edge = bench::allocations_on_this_thread();
        }
    }
    void open_all() noexcept override { lines_.fill(false); }
    std::span<const InputEdge> wait(Instant deadline) override {
        if (taken_ < answered_ && answers_[taken_ % answers_.size()].at < deadline) {
            deadline = answers_[taken_ % answers_.size()].at;
        }
        clock_.sleep_until(deadline);
        std::size_t due = 0;
        while (taken_ < answered_ && answers_[taken_ % answers_.size()].at <= clock_.now()) {
            due_[due++] = answers_[taken_++ % answers_.size()];
        }
        return {due_.data(), due};
    }

    std::uint64_t at_first_edge = 0;
    std::size_t toggles = 0; // of the enable line

private:
    void answer(const InputEdge& edge) {
        ASSERT_LT(answered_ - taken_, answers_.size());
        answers_[answered_++ % answers_.size()] = edge;
    }

    Clock& clock_;
    std::size_t enable_channel_;
    std::array<bool, 64> lines_{};
    std::size_t edges_ = 0;
    std::array<InputEdge, 64> answers_{}; // a ring: answered_ - taken_ still to come
    std::size_t answered_ = 0;
    std::size_t taken_ = 0;
    std::array<InputEdge, 64> due_{};
};

struct Session {
    std::size_t plans = 0;
    std::size_t played = 0;
    std::size_t levels = 0;   // every line change the plans command
    std::size_t recorded = 0; // commanded edges in the record
    std::size_t presses = 0;  // line changes that close a contact: each one answered
    std::size_t sensed = 0;   // input edges in the record
    std::uint64_t allocations_after_first_edge = 0;
    std::size_t toggles = 0; // of the interlock's enable line
};

// The Mini's learn and verify sequences for both slots of a two-fob rig (config/rigs/`rig_file`),
// each plan prepared before the run by the run's own RunPlans, played on the run's own thread
// and told to `observer`.
Session play_mini_session(RunObserver* observer, const std::string& rig_file = "sim-2.toml") {
    const auto procedure = load_procedure_file(FOBRIG_CONFIG_DIR "/procedures/mini-r50-2004.toml");
    const auto rig = load_rig_file(FOBRIG_CONFIG_DIR "/rigs/" + rig_file);
    EXPECT_TRUE(procedure.ok() && rig.ok());
    const RunPlans prepared(*procedure.value, *rig.value, rig.value->slots,
                            [](const Step&) { return true; });
    std::vector<const SequencePlan*> plans;
    for (std::size_t fob = 0; fob < rig.value->slots.size(); ++fob) {
        for (const auto& step : procedure.value->steps) {
            if (const auto* seq = std::get_if<SequenceStep>(&step.body)) {
                // A step with variants is played as its first.
                plans.push_back(
                    &prepared.way(*procedure.value, step, variant_for(*seq, 0)).plans.at(fob));
                EXPECT_FALSE(plans.back()->edges.empty()) << step.id;
            }
        }
    }
    Session session{.plans = plans.size()};
    for (const SequencePlan* plan : plans) {
        for (const auto& edge : plan->edges) {
            session.levels += edge.levels.size();
            session.presses += static_cast<std::size_t>(std::ranges::count_if(
                edge.levels, [](const OutputLevel& level) { return level.active; }));
        }
    }
    testing::ManualClock clock;
    QuietLines lines(clock, rig.value->enable_channel());
    RunRecorder recorder(*rig.value, {}, observer);
    RunPulse pulse(rig.value->outputs.size());
    const std::atomic<bool> abort{false};
    std::thread run([&] {
        Sequencer sequencer(clock, lines, *rig.value, recorder, abort, {.pulse = &pulse});
        for (const SequencePlan* plan : plans) {
            session.played +=
                sequencer.play(*plan, clock.now() + seconds(1) + plan->lead()) == Played::whole;
        }
        session.allocations_after_first_edge =
            bench::allocations_on_this_thread() - lines.at_first_edge;
    });
    run.join();
    session.recorded = recorder.record().commanded.size();
    session.sensed = recorder.record().sensed.size();
    session.toggles = lines.toggles;
    return session;
}

TEST(RunThreadAllocations, TheWholeMiniSessionAllocatesNothingAfterTheFirstEdge) {
    const Session session = play_mini_session(nullptr);
    EXPECT_EQ(session.played, session.plans);
    EXPECT_EQ(session.recorded, session.levels);
    // Every press answered, on and off, except the answer still to come after the last press.
    EXPECT_GE(session.sensed, 2 * session.presses - 2);
    EXPECT_EQ(session.allocations_after_first_edge, 0u);
    EXPECT_EQ(session.toggles, 0u);
}

TEST(RunThreadAllocations, TheInterlocksWaveBetweenTheEdgesAllocatesNothingEither) {
    const Session session = play_mini_session(nullptr, "sim-2-interlock.toml");
    EXPECT_EQ(session.played, session.plans);
    EXPECT_EQ(session.recorded, session.levels) << "the wave is no edge of the record";
    EXPECT_EQ(session.allocations_after_first_edge, 0u);
    // Ten toggles at least for each of the session's sequences: the wave did play.
    EXPECT_GT(session.toggles, 10 * session.plans);
}

// As the daemon follows a run: each edge goes to the control loop as a plain record through
// the event queue, and its JSON is made there, not on the run's thread.
TEST(RunThreadAllocations, HandingEveryEdgeToTheDaemonsClientsAllocatesNothing) {
    boost::asio::io_context io;
    std::vector<nlohmann::json> delivered;
    EventJson json(TargetRecord{});
    EventQueue queue(io, [&](const RunEvent& event) { delivered.push_back(json(event)); });
    queue.start();
    EventObserver observer([&](const RunEvent& event) { queue.push(event); });
    const Session session = play_mini_session(&observer);
    EXPECT_EQ(session.played, session.plans);
    EXPECT_EQ(session.allocations_after_first_edge, 0u);
    EXPECT_EQ(queue.stop(), 0u);
    // The record's header first, then every edge, commanded and sensed.
    ASSERT_EQ(delivered.size(), session.levels + session.sensed + 1);
    EXPECT_EQ(delivered[0]["event"], "run-started");
    EXPECT_EQ(delivered[1]["event"], "edge");
    EXPECT_EQ(delivered[1]["line"], "slot1.unlock");
    EXPECT_EQ(delivered[1]["level"], 1);
    const auto sensed = std::ranges::find(delivered, "sensed", [](const nlohmann::json& event) {
        return event["event"].get<std::string>();
    });
    ASSERT_NE(sensed, delivered.end());
    EXPECT_EQ((*sensed)["line"], "sense.lock");
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
