// The Mini's ritual on config/rigs/sim-2-interlock.toml, in virtual time: the relay board has
// power only while the run's thread plays the enable wave, so the run passes, the wave plays
// only inside sequences, and a thread stalled mid-press has its contacts opened by the board.
#include "tests/integration/simulated_session.hpp"

#include <gmock/gmock.h>

namespace fobrig {
namespace {

using testing::both_fobs;
using ::testing::HasSubstr;
using testing::shipped_rig;

struct Change {
    Instant at;
    OutputLevel level;
};

// The bench's backend, noting every line change with the world's time; the run's thread may
// be held inside the first press (the world goes on meanwhile, as hardware would).
struct InterlockSession : testing::SimulatedSession {
    InterlockSession() : SimulatedSession({}, {}, shipped_rig("sim-2-interlock.toml")) {}

    struct Noting final : Backend {
        InterlockSession& session;
        explicit Noting(InterlockSession& s) : session(s) {}
        void drive(std::span<const OutputLevel> levels) override {
            session.bench.backend().drive(levels);
            for (const OutputLevel& level : levels) {
                session.changes.push_back({session.world.now(), level});
            }
            const bool press = std::ranges::any_of(levels, [&](const OutputLevel& l) {
                return l.active && l.channel != session.rig.enable_channel();
            });
            if (press && session.stall > Duration::zero()) {
                session.stalled_at = session.world.now();
                session.clock.sleep_until(session.world.now() + std::exchange(session.stall, {}));
            }
        }
        void open_all() noexcept override { session.bench.backend().open_all(); }
        std::span<const InputEdge> wait(Instant deadline) override {
            return session.bench.backend().wait(deadline);
        }
    };

    Backend& backend() override { return noting; }

    std::vector<Change> toggles() const {
        std::vector<Change> found;
        std::ranges::copy_if(changes, std::back_inserter(found), [&](const Change& c) {
            return c.level.channel == rig.enable_channel();
        });
        return found;
    }

    Noting noting{*this};
    std::vector<Change> changes;
    Duration stall{};
    std::optional<Instant> stalled_at;
};

TEST(InterlockRun, ProgramsAndVerifiesTwoFobsWithTheBoardPoweredByTheWave) {
    InterlockSession session;
    ASSERT_FALSE(session.bench.backend().supply()->powered()) << "no power before the run";
    const RunRecord record = session.run(both_fobs);

    EXPECT_EQ(record.outcome, RunOutcome::passed) << record.reason;
    EXPECT_EQ(record.attempts.size(), 1u);
    EXPECT_EQ(session.bench.car().key_table().size(), 2u);
    EXPECT_GT(session.toggles().size(), 100u);
    // The wave is no edge of the fob: the record holds only the buttons' edges.
    for (const CommandedEdge& edge : record.commanded) {
        EXPECT_LT(edge.line, session.rig.outputs.size());
    }
    EXPECT_FALSE(session.toggles().back().level.active);
    ASSERT_TRUE(record.interlock);
    EXPECT_EQ(record.interlock->line, "fobrig-sim:11");
    EXPECT_EQ(record.interlock->hold, milliseconds(25));
}

TEST(InterlockRun, TheWavePlaysOnlyWhileASequenceDrivesOutputsAndNotAfterTheRun) {
    InterlockSession session;
    const RunRecord record = session.run(both_fobs);
    ASSERT_EQ(record.outcome, RunOutcome::passed) << record.reason;

    // Each sequence's span: from a period before its first edge to its last.
    struct Span {
        Instant from, to;
    };
    std::map<std::pair<std::string, int>, Span> spans;
    const Duration period = session.rig.enable->period;
    for (const CommandedEdge& edge : record.commanded) {
        const auto [it, fresh] = spans.try_emplace({edge.step_id.str(), edge.slot},
                                                   Span{edge.actual - period, edge.actual});
        it->second.from = std::min(it->second.from, edge.actual - period);
        it->second.to = std::max(it->second.to, edge.actual);
    }
    for (const Change& toggle : session.toggles()) {
        EXPECT_TRUE(std::ranges::any_of(
            spans,
            [&](const auto& s) { return toggle.at >= s.second.from && toggle.at <= s.second.to; }))
            << "a toggle outside every sequence, at " << (toggle.at - record.t0).count() << " ns";
    }
    // Operator steps (the key in and out) are played without the wave.
    ASSERT_FALSE(record.operator_steps.empty());
    for (const OperatorRecord& step : record.operator_steps) {
        ASSERT_TRUE(step.acknowledged);
        for (const Change& toggle : session.toggles()) {
            EXPECT_FALSE(toggle.at > step.prompted && toggle.at < *step.acknowledged)
                << step.step_id;
        }
    }
    // After the run: the line inactive, the board without power once its hold has passed.
    const std::size_t after_run = session.changes.size();
    session.clock.sleep_until(session.world.now() + seconds(2));
    EXPECT_EQ(session.changes.size(), after_run);
    EXPECT_FALSE(session.bench.backend().supply()->powered());
    EXPECT_EQ(session.bench.backend().line_high(session.rig.enable_channel()),
              session.rig.enable->active_low);
}

TEST(InterlockRun, AThreadStalledMidPressHasItsContactOpenedByTheBoardWithinTheHold) {
    InterlockSession session;
    session.stall = milliseconds(300);
    // Every contact's openings and closings, by channel.
    std::vector<std::vector<std::pair<Instant, bool>>> contacts(session.rig.outputs.size());
    for (std::size_t i = 0; i < contacts.size(); ++i) {
        session.bench.backend().relay(i).contact().on_change([&, i](bool closed) {
            contacts[i].push_back({session.world.now(), closed});
        });
    }
    // Which outputs' lines still said "closed" when the board lost its supply in the stall.
    std::vector<std::size_t> active_when_dropped;
    session.bench.backend().supply()->power().on_change([&](bool on) {
        if (on || !session.stalled_at || session.stall > Duration::zero()) {
            return;
        }
        for (std::size_t i = 0; i < session.rig.outputs.size(); ++i) {
            if (session.bench.backend().line_high(i) != session.rig.outputs[i].active_low) {
                active_when_dropped.push_back(i);
            }
        }
    });
    const RunRecord record = session.run(both_fobs);
    ASSERT_TRUE(session.stalled_at);
    // The press the thread stalled in: the first active level on an output.
    std::optional<std::size_t> pressed;
    for (const Change& change : session.changes) {
        if (change.level.active && change.level.channel != session.rig.enable_channel()) {
            pressed = change.level.channel;
            break;
        }
    }
    ASSERT_TRUE(pressed);
    EXPECT_THAT(active_when_dropped, ::testing::Contains(*pressed));

    // The last activating edge of the wave before the stall, and the contact's opening after.
    std::optional<Instant> last_rise;
    for (const Change& toggle : session.toggles()) {
        if (toggle.at <= *session.stalled_at && toggle.level.active) {
            last_rise = toggle.at;
        }
    }
    ASSERT_TRUE(last_rise);
    // Its last change while the thread was held (the closing bounces first).
    std::optional<Instant> opened;
    for (const auto& [at, closed] : contacts[*pressed]) {
        if (at > *session.stalled_at && at < *session.stalled_at + milliseconds(300)) {
            opened = closed ? std::nullopt : std::optional(at);
        }
    }
    ASSERT_TRUE(opened) << "the contact stayed closed through the stall";
    const OutputChannel& relay = session.rig.outputs[*pressed];
    const Duration hold = session.rig.enable->hold;
    // The board keeps its supply for the hold, then the relay lets go after its latency: 29 ms.
    EXPECT_GE(*opened, *last_rise + hold);
    EXPECT_LE(*opened, *last_rise + hold + relay.release_latency);

    // The run's thread, back, stops the attempt and the procedure retries.
    ASSERT_FALSE(record.attempts.empty());
    EXPECT_THAT(record.attempts[0].reason, HasSubstr("(the relay board lost its supply)"));
    EXPECT_EQ(record.outcome, RunOutcome::passed) << record.reason;
}

} // namespace
} // namespace fobrig
