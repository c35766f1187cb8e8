// The run's thread allocates nothing from its first edge to its last over a whole programming
// run as fobrigd plays it: run_procedure itself (attempts, operator steps, counted steps, contacts
// held across the car's switches, the car's answers, verify presses, retries and the verdict's
// causes) and the daemon's side of it on that thread (every event handed to the control loop
// through the event queue, the prompts through the daemon's console), for shipped procedures on
// their simulated cars in virtual time, passing and failing. What the simulated world allocates
// is left out (bench/whole_run_count.hpp says why).
#include "bench/whole_run_count.hpp"
#include "bench/whole_run_events.hpp"
#include "tests/integration/simulated_session.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <optional>
#include <string_view>
#include <vector>

namespace fobrig {
namespace {

using bench::WholeRun;
using testing::SimulatedSession;

// The events a client received, of one kind.
std::vector<nlohmann::json> events_of(const bench::DaemonFollower& daemon, std::string_view kind) {
    std::vector<nlohmann::json> found;
    std::ranges::copy_if(daemon.events(), std::back_inserter(found),
                         [&](const nlohmann::json& event) { return event["event"] == kind; });
    return found;
}

// Every event reached the control loop whole: none dropped, one for each edge, check and
// attempt of the record, with the same texts.
void expect_every_event_told(bench::DaemonFollower& daemon, const RunRecord& record) {
    EXPECT_EQ(daemon.drain(), 0u);
    const auto edges = events_of(daemon, "edge");
    ASSERT_EQ(edges.size(), record.commanded.size());
    for (std::size_t i = 0; i < edges.size(); ++i) {
        EXPECT_EQ(edges[i]["step"], record.commanded[i].step_id.str());
        EXPECT_EQ(edges[i]["action"], record.commanded[i].action.str());
    }
    const auto checks = events_of(daemon, "confirmation");
    ASSERT_EQ(checks.size(), record.checks.size());
    for (std::size_t i = 0; i < checks.size(); ++i) {
        EXPECT_EQ(checks[i]["step"], record.checks[i].step_id);
        EXPECT_EQ(checks[i]["reason"], record.checks[i].reason);
    }
    const auto attempts = events_of(daemon, "attempt");
    ASSERT_EQ(attempts.size(), record.attempts.size());
    for (std::size_t i = 0; i < attempts.size(); ++i) {
        EXPECT_EQ(attempts[i]["reason"], record.attempts[i].reason);
    }
    EXPECT_EQ(events_of(daemon, "operator-done").size(), record.operator_steps.size());
    EXPECT_FALSE(events_of(daemon, "step").empty());
}

// `procedure` for `fobs` on `session`'s car, followed by the daemon as fobrigd follows a run;
// what its clients received in `told`, if given.
WholeRun run_counted(SimulatedSession& session, const Procedure& procedure,
                     const std::vector<FobUnderTest>& fobs, std::string_view away_at = {},
                     std::vector<nlohmann::json>* told = nullptr) {
    bench::DaemonFollower daemon;
    WholeRun run = bench::count_whole_run(
        {.procedure = procedure, .rig = session.rig, .fobs = fobs},
        {session.clock, session.backend(), session.bench.operator_console(), session.abort},
        {.daemon = &daemon.observer(), .away_at = away_at});
    expect_every_event_told(daemon, run.record);
    if (told) {
        *told = daemon.events();
    }
    return run;
}

TEST(WholeRunAllocations, TheMinisRunForTwoFobsAllocatesNothingBetweenItsFirstAndLastEdge) {
    SimulatedSession session;
    const WholeRun run = run_counted(session, session.procedure, testing::both_fobs);
    EXPECT_EQ(run.record.outcome, RunOutcome::passed) << run.record.reason;
    EXPECT_GT(run.edges, 20u);
    EXPECT_EQ(run.allocations, 0u);
}

// Names too long for a std::string to keep in place (15 characters here) cost nothing either:
// the Mini's learn step and every action given the longest names a procedure may have.
TEST(WholeRunAllocations, TheLongestStepAndActionNamesAreRecordedWithoutAllocating) {
    std::string text = testing::shipped_text("procedures/mini-r50-2004.toml");
    for (const std::string name : {"learn", "hold", "press1", "lift1", "press2", "lift2", "press3",
                                   "release", "press", "lift"}) {
        const std::string longest = name + std::string(EdgeName::capacity - name.size(), '-');
        text = testing::replaced(text, "\"" + name + "\"", "\"" + longest + "\"");
    }
    const auto long_names = parse_procedure(text, "mini-long-names.toml");
    ASSERT_TRUE(long_names.ok());
    SimulatedSession session;
    const WholeRun run = run_counted(session, *long_names.value, testing::both_fobs);
    EXPECT_EQ(run.record.outcome, RunOutcome::passed) << run.record.reason;
    ASSERT_FALSE(run.record.commanded.empty());
    EXPECT_EQ(run.record.commanded.front().step_id.view().size(), EdgeName::capacity);
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

// GM's ritual: the rig holds the car's door unlock switch while the person works the key. The
// contact's closing, the prompt while it is held and its opening reach the daemon's clients.
TEST(WholeRunAllocations, AContactHeldAcrossTheCarsSwitchWhileThePersonWorksAllocatesNothing) {
    const auto gm = std::ranges::find(testing::shipped_rituals, std::string_view("gm-malibu-2000"),
                                      &testing::ShippedRitual::procedure);
    ASSERT_NE(gm, std::end(testing::shipped_rituals));
    SimulatedSession session({}, {}, testing::shipped_rig(gm->rig), sim::make_car(gm->car));
    std::vector<nlohmann::json> told;
    const WholeRun run = run_counted(session, testing::shipped_procedure(gm->procedure),
                                     testing::fobs_for(*gm), {}, &told);
    EXPECT_EQ(run.record.outcome, RunOutcome::passed) << run.record.reason;
    EXPECT_EQ(run.allocations, 0u);
    const auto edge_to = [](int level) {
        return [level](const nlohmann::json& event) {
            return event["event"] == "edge" && event["line"] == "car.door-unlock" &&
                   event["level"] == level;
        };
    };
    const auto closed = std::ranges::find_if(told, edge_to(1));
    ASSERT_NE(closed, told.end());
    const auto opened = std::find_if(closed, told.end(), edge_to(0));
    ASSERT_NE(opened, told.end());
    EXPECT_NE(std::find_if(closed, opened,
                           [](const nlohmann::json& event) { return event["event"] == "prompt"; }),
              opened);
}

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

// The run's thread held up once, at `at`, for `length`: the next edge comes too late to play.
class StallsOnce final : public Clock {
public:
    StallsOnce(Clock& inner, Instant at, Duration length)
        : inner_(inner), at_(at), length_(length) {}
    Instant now() override { return inner_.now(); }
    void sleep_until(Instant deadline) override {
        inner_.sleep_until(deadline);
        if (at_ && deadline >= *at_) {
            at_.reset();
            inner_.sleep_until(inner_.now() + length_);
        }
    }

private:
    Clock& inner_;
    std::optional<Instant> at_;
    Duration length_;
};

TEST(WholeRunAllocations, AStallInTheLearnSequenceStopsTheAttemptAllocatingNothing) {
    // Where the third edge of the learn sequence comes in an undisturbed run.
    SimulatedSession undisturbed;
    const RunRecord passed = undisturbed.run(testing::both_fobs);
    std::vector<Instant> learn;
    for (const CommandedEdge& edge : passed.commanded) {
        if (edge.step_id == "learn") {
            learn.push_back(edge.scheduled);
        }
    }
    ASSERT_GT(learn.size(), 3u);

    SimulatedSession session;
    StallsOnce stalling(session.clock, learn[2] - milliseconds(1), milliseconds(300));
    bench::DaemonFollower daemon;
    const WholeRun run = bench::count_whole_run(
        {.procedure = session.procedure, .rig = session.rig, .fobs = testing::both_fobs},
        {stalling, session.backend(), session.bench.operator_console(), session.abort},
        {.daemon = &daemon.observer()});
    expect_every_event_told(daemon, run.record);
    ASSERT_GE(run.record.attempts.size(), 2u);
    EXPECT_THAT(run.record.attempts[0].reason, ::testing::HasSubstr("stopped by a stall of"));
    EXPECT_EQ(run.allocations, 0u);
}

// The VW's block for each remote, the k-th remote's Open pressed k times: both remotes coded
// in one run; then the presses too far apart for the car to count the second remote's, which
// fails at every attempt while the first is coded each time.
TEST(WholeRunAllocations, TheVwsRitualForEachRemoteAllocatesNothingPassingOrRetried) {
    const std::string vw = "vw-cabrio-1998";
    const auto on_vw = [&] {
        return std::make_unique<SimulatedSession>(sim::SimFaults{}, sim::OperatorProfile{},
                                                  testing::shipped_rig("sim-2-car.toml"),
                                                  sim::make_car(vw));
    };
    const auto coded = on_vw();
    const WholeRun both = run_counted(*coded, testing::shipped_procedure(vw), testing::both_fobs);
    EXPECT_EQ(both.record.outcome, RunOutcome::passed) << both.record.reason;
    EXPECT_EQ(both.allocations, 0u);

    const std::string text = testing::replaced(testing::shipped_text("procedures/" + vw + ".toml"),
                                               "every_ms = 1000", "every_ms = 2500");
    const auto slow = parse_procedure(text, "vw-slow.toml");
    ASSERT_TRUE(slow.ok());
    const auto miscounted = on_vw();
    const WholeRun retried = run_counted(*miscounted, *slow.value, testing::both_fobs);
    EXPECT_EQ(retried.record.outcome, RunOutcome::failed);
    EXPECT_EQ(retried.record.attempts.size(), 3u);
    EXPECT_EQ(retried.allocations, 0u);
}

} // namespace
} // namespace fobrig
