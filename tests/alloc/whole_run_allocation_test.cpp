// The run's thread allocates nothing from its first edge to its last over a whole programming
// run: run_procedure itself (attempts, operator steps, counted steps, contacts held across the
// car's switches, the car's answers, verify presses, retries and the verdict's causes) for
// shipped procedures on their simulated cars in virtual time, passing and failing.
//
// The simulated car, its fobs, the simulated person and the virtual clock run on the same
// thread, inside the backend's, the console's and the clock's calls: they stand for the world,
// not for the rig's code, and they allocate as they please (a car keeps notes in strings). What
// they allocate inside their own calls is counted apart and left out, so that the figure is
// what the rig's run strategy allocates, with the real car double that plays every path (a
// non-allocating double could not answer counted steps or held switches as the car does).
#include "bench/allocation_count.hpp"
#include "tests/integration/simulated_session.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string_view>
#include <thread>

namespace fobrig {
namespace {

using testing::SimulatedSession;

// The run strategy's own allocations so far: the thread's, less those made inside the world.
class StrategyCount {
public:
    // Counts the allocations made until it is gone as the world's.
    class World {
    public:
        explicit World(StrategyCount& count)
            : count_(count), start_(bench::allocations_on_this_thread()) {}
        ~World() { count_.in_world_ += bench::allocations_on_this_thread() - start_; }
        World(const World&) = delete;
        World& operator=(const World&) = delete;

    private:
        StrategyCount& count_;
        std::uint64_t start_;
    };

    // At each line change: the first and the last are the span counted.
    void edge() {
        const std::uint64_t strategy = bench::allocations_on_this_thread() - in_world_;
        first_ = first_.value_or(strategy);
        last_ = strategy;
        ++edges_;
    }
    std::size_t edges() const { return edges_; }
    std::optional<std::uint64_t> between_first_and_last_edge() const {
        if (!first_) {
            return std::nullopt;
        }
        return *last_ - *first_;
    }

private:
    std::uint64_t in_world_ = 0;
    std::optional<std::uint64_t> first_;
    std::optional<std::uint64_t> last_;
    std::size_t edges_ = 0;
};

// An edge is a line changing: the release every exit path makes on lines already open is none.
class CountedBackend final : public Backend {
public:
    CountedBackend(Backend& inner, std::size_t outputs, StrategyCount& count)
        : inner_(inner), active_(outputs), count_(count) {}
    void drive(std::span<const OutputLevel> levels) override {
        if (std::ranges::any_of(levels, [&](const OutputLevel& level) {
                return (active_.at(level.channel) != 0) != level.active;
            })) {
            count_.edge();
        }
        for (const OutputLevel& level : levels) {
            active_[level.channel] = level.active ? 1 : 0;
        }
        const StrategyCount::World world(count_);
        inner_.drive(levels);
    }
    void release_all() noexcept override {
        if (std::ranges::find(active_, char{1}) != active_.end()) {
            count_.edge();
        }
        std::ranges::fill(active_, char{0});
        const StrategyCount::World world(count_);
        inner_.release_all();
    }
    std::span<const InputEdge> wait(Instant deadline) override {
        const StrategyCount::World world(count_);
        return inner_.wait(deadline);
    }

private:
    Backend& inner_;
    std::vector<char> active_; // by output channel
    StrategyCount& count_;
};

class CountedClock final : public Clock {
public:
    CountedClock(Clock& inner, StrategyCount& count) : inner_(inner), count_(count) {}
    Instant now() override {
        const StrategyCount::World world(count_);
        return inner_.now();
    }
    void sleep_until(Instant deadline) override {
        const StrategyCount::World world(count_);
        inner_.sleep_until(deadline);
    }

private:
    Clock& inner_;
    StrategyCount& count_;
};

// The simulated person, who walks away from the first prompt of step `away_at` (if any).
class CountedConsole final : public OperatorConsole {
public:
    CountedConsole(OperatorConsole& inner, StrategyCount& count, std::string_view away_at)
        : inner_(inner), count_(count), away_at_(away_at) {}
    void prompt(const OperatorPrompt& prompt) override {
        const StrategyCount::World world(count_);
        away_ = !walked_away_ && prompt.step_id == away_at_;
        walked_away_ = walked_away_ || away_;
        if (!away_) {
            inner_.prompt(prompt);
        }
    }
    std::optional<Instant> acknowledged() override {
        const StrategyCount::World world(count_);
        return away_ ? std::nullopt : inner_.acknowledged();
    }
    void car_clock(const CarClock& clock) override {
        const StrategyCount::World world(count_);
        inner_.car_clock(clock);
    }
    void counted(const OperatorPrompt& prompt) override {
        const StrategyCount::World world(count_);
        inner_.counted(prompt);
    }

private:
    OperatorConsole& inner_;
    StrategyCount& count_;
    std::string_view away_at_;
    bool away_ = false;
    bool walked_away_ = false;
};

struct WholeRun {
    RunRecord record;
    std::size_t edges = 0;
    std::uint64_t allocations = 0;
};

// `procedure` for `fobs` on `session`'s car, on a thread of its own as in the daemon.
WholeRun run_counted(SimulatedSession& session, const Procedure& procedure,
                     const std::vector<FobUnderTest>& fobs, std::string_view away_at = {}) {
    WholeRun run;
    std::thread([&] {
        StrategyCount count;
        CountedBackend backend(session.backend(), session.rig.outputs.size(), count);
        CountedClock clock(session.clock, count);
        CountedConsole console(session.bench.operator_console(), count, away_at);
        run.record = run_procedure({.procedure = procedure, .rig = session.rig, .fobs = fobs},
                                   {clock, backend, console, session.abort});
        run.edges = count.edges();
        run.allocations = count.between_first_and_last_edge().value_or(~0ULL);
    }).join();
    return run;
}

TEST(WholeRunAllocations, TheMinisRunForTwoFobsAllocatesNothingBetweenItsFirstAndLastEdge) {
    SimulatedSession session;
    const WholeRun run = run_counted(session, session.procedure, testing::both_fobs);
    EXPECT_EQ(run.record.outcome, RunOutcome::passed) << run.record.reason;
    EXPECT_GT(run.edges, 20u);
    EXPECT_EQ(run.allocations, 0u);
}

// Every shipped procedure on its own car: counted steps (Ford), operator steps the car answers
// (Honda), the indicator's flashes (Nissan).
class OnItsOwnCar : public ::testing::TestWithParam<testing::ShippedRitual> {};

TEST_P(OnItsOwnCar, ItsWholeRunAllocatesNothingBetweenItsFirstAndLastEdge) {
    const testing::ShippedRitual& ritual = GetParam();
    SimulatedSession session({}, {}, testing::shipped_rig(ritual.rig), sim::make_car(ritual.car));
    const WholeRun run = run_counted(session, testing::shipped_procedure(ritual.procedure),
                                     testing::fobs_for(ritual));
    EXPECT_EQ(run.record.outcome, RunOutcome::passed) << run.record.reason;
    EXPECT_GT(run.edges, 4u);
    EXPECT_EQ(run.allocations, 0u);
}

INSTANTIATE_TEST_SUITE_P(Shipped, OnItsOwnCar, ::testing::ValuesIn(testing::shipped_rituals),
                         [](const auto& info) {
                             std::string name = info.param.car;
                             std::erase(name, '-');
                             return name;
                         });

// The failure paths: checks that fail, attempts judged failed and retried, the verdict's
// causes noted as the run goes.
TEST(WholeRunAllocations, AFobThatNeverAnswersFailsEachAttemptAndTheRetriesAllocateNothing) {
    SimulatedSession session({.flat_battery_slots = {2}});
    const WholeRun run = run_counted(session, session.procedure, testing::both_fobs);
    EXPECT_EQ(run.record.outcome, RunOutcome::failed);
    EXPECT_EQ(run.record.attempts.size(), 3u);
    EXPECT_EQ(run.allocations, 0u);
}

TEST(WholeRunAllocations, ACarThatNeverAnswersMovesOnThroughTheVariantsAllocatingNothing) {
    SimulatedSession session({.dead_receiver = true});
    const WholeRun run = run_counted(session, session.procedure, testing::both_fobs);
    EXPECT_EQ(run.record.outcome, RunOutcome::failed);
    ASSERT_EQ(run.record.attempts.size(), 3u);
    EXPECT_NE(run.record.attempts[0].variant, run.record.attempts[1].variant);
    EXPECT_EQ(run.allocations, 0u);
}

TEST(WholeRunAllocations,
     AnOperatorStepNobodyConfirmsAfterThePressesStopsTheAttemptAllocatingNothing) {
    // Attempt 1 learns both fobs, then nobody finalises within 5 s; the retry waits out the
    // car's session and passes.
    const Procedure quick_finalise = testing::only_variant(
        testing::procedure_with(
            "timeout_ms = 60000\nack_sense = \"ignition\"\n\n[[step]]\nid = \"verify-lock\"",
            "timeout_ms = 5000\nack_sense = \"ignition\"\n\n[[step]]\nid = \"verify-lock\""),
        "unlock-held");
    SimulatedSession session;
    const WholeRun run = run_counted(session, quick_finalise, testing::both_fobs, "finalise");
    EXPECT_EQ(run.record.outcome, RunOutcome::passed) << run.record.reason;
    ASSERT_EQ(run.record.attempts.size(), 2u);
    EXPECT_THAT(run.record.attempts[0].reason,
                ::testing::HasSubstr("nobody confirmed 'Finalise' within 5 s"));
    EXPECT_EQ(run.allocations, 0u);
}

} // namespace
} // namespace fobrig
