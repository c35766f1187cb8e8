// Playing a plan: a coarse wait on the backend, then the clock's last stretch, then the edge.
#include "rig/core/sequencer.hpp"

#include "rig/core/text_append.hpp"

#include <algorithm>
#include <cstdio>

namespace fobrig {

namespace {

// How often a long wait looks at the abort flag; never delays an edge, whose instant is a
// deadline of its own.
constexpr Duration abort_poll = milliseconds(20);

// "25.0 ms": stalls are milliseconds, where duration_text() rounds to tenths of a second.
std::string milliseconds_text(Duration d) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f ms",
                  std::chrono::duration<double, std::milli>(d).count());
    return text;
}

// How long before a sequence's first edge the wave starts: the relay board's supply has a
// period to come up (a 74HCT123 powers it at the first activating edge, a charge pump in a few).
Duration wave_lead(const Rig& rig) {
    return rig.enable ? rig.enable->period : Duration{};
}

} // namespace

Sequencer::Sequencer(Clock& clock, Backend& backend, const Rig& rig, RunRecorder& recorder,
                     const std::atomic<bool>& abort, SequencerOptions options)
    : clock_(clock), backend_(backend), rig_(rig), recorder_(recorder), abort_(abort),
      options_(options), wave_(backend, rig), closed_since_(rig.outputs.size()),
      start_(clock.now()) {
    stall_.reserve(text_capacity);
}

Sequencer::~Sequencer() {
    open_all("open all");
}

void Sequencer::record(const OutputLevel& level, const EdgeName& step_id, int slot,
                       const EdgeName& action, Instant scheduled, Instant actual, bool late,
                       bool forced) {
    recorder_.commanded({.attempt = attempt_,
                         .step_id = step_id,
                         .slot = slot,
                         .action = action,
                         .line = level.channel,
                         .active = level.active,
                         .scheduled = scheduled,
                         .actual = actual,
                         .late = late,
                         .forced = forced});
}

Played Sequencer::play(const SequencePlan& plan, Instant anchor, const EdgeHandler& on_edge) {
    if (!plan.edges.empty()) {
        const Instant now = clock_.now();
        wave_.start(std::max(now, anchor + plan.edges.front().at - wave_lead(rig_)));
        wave_.serve(now); // a sequence that starts at once powers the board before its first edge
    }
    const Played played = play_edges(plan, anchor, on_edge);
    wave_.stop();
    return played;
}

Played Sequencer::stalled(Duration behind, std::string_view action, bool board_lost) {
    set_text(stall_, "a stall of ", milliseconds_text(behind), " before ", action);
    if (board_lost) {
        append(stall_, " (the relay board lost its supply)");
    }
    open_all("stall");
    return Played::stalled;
}

Played Sequencer::play_edges(const SequencePlan& plan, Instant anchor, const EdgeHandler& on_edge) {
    for (const auto& edge : plan.edges) {
        const Instant scheduled = anchor + edge.at;
        // Sensed edges, the guard and the enable wave are served until shortly before the
        // instant; the clock then takes the last stretch (a real one spins, a virtual one jumps).
        if (!wait_until(scheduled - options_.spin_margin, on_edge)) {
            if (const Instant now = clock_.now(); wave_.lost(now)) {
                return stalled(wave_.missed_by(now), edge.action, true);
            }
            return Played::aborted;
        }
        clock_.sleep_until(scheduled);
        const Instant now = clock_.now();
        if (wave_.lost(now)) {
            return stalled(wave_.missed_by(now), edge.action, true);
        }
        if (const Duration behind = now - scheduled; behind > plan.tolerance) {
            // Played now, this edge would shorten a press or stretch a gap past what the
            // procedure allows: nothing more of this sequence reaches the fob.
            return stalled(behind, edge.action, false);
        }
        if (options_.pulse) {
            // Told before the line changes: a thread stalled inside the change is watched too.
            for (const auto& level : edge.levels) {
                if (level.active) {
                    options_.pulse->closed(level.channel,
                                           scheduled + rig_.outputs[level.channel].max_hold);
                }
            }
        }
        backend_.drive(edge.levels);
        const Instant actual = clock_.now();
        const bool late = actual - scheduled > plan.tolerance;
        for (const auto& level : edge.levels) {
            note(level.channel, level.active ? std::optional(actual) : std::nullopt);
            record(level, plan.step_id, plan.slot, edge.action, scheduled, actual, late, false);
        }
    }
    return Played::whole;
}

bool Sequencer::wait_until(Instant deadline, const EdgeHandler& on_edge, const Condition& done) {
    for (;;) {
        if (options_.pulse) {
            options_.pulse->beat();
        }
        if (abort_.load()) {
            open_all("abort");
            return false;
        }
        // Never in the last stretch before an edge: a toggle due then waits until after it.
        if (const Instant now = clock_.now(); now < deadline && !wave_.serve(now)) {
            return false; // a toggle now would power the board under whatever lines are active
        }
        if (done && done()) {
            return true;
        }
        const Instant now = clock_.now();
        if (now >= deadline) {
            return true;
        }
        Instant wake = std::min(deadline, now + abort_poll);
        for (const auto next : {next_guard_deadline(), wave_.next()}) {
            if (next) {
                wake = std::min(wake, *next);
            }
        }
        for (const auto& edge : backend_.wait(wake)) {
            if (edge.at < start_) {
                continue; // queued before this run began: the previous run's, or nobody's
            }
            recorder_.sensed(attempt_, edge);
            if (on_edge) {
                on_edge(edge);
            }
        }
        enforce_max_hold();
    }
}

std::optional<Instant> Sequencer::next_guard_deadline() const {
    std::optional<Instant> earliest;
    for (std::size_t i = 0; i < closed_since_.size(); ++i) {
        if (closed_since_[i]) {
            const Instant limit = *closed_since_[i] + rig_.outputs[i].max_hold;
            earliest = earliest ? std::min(*earliest, limit) : limit;
        }
    }
    return earliest;
}

void Sequencer::enforce_max_hold() {
    const Instant now = clock_.now();
    for (std::size_t i = 0; i < closed_since_.size(); ++i) {
        if (closed_since_[i] && now >= *closed_since_[i] + rig_.outputs[i].max_hold) {
            const OutputLevel open{.channel = i, .active = false};
            backend_.drive({&open, 1});
            const Instant limit = *closed_since_[i] + rig_.outputs[i].max_hold;
            note(i, std::nullopt);
            record(open, "", rig_.outputs[i].slot, max_hold_guard_action, limit, clock_.now(),
                   false, true);
        }
    }
}

void Sequencer::open_all(const EdgeName& why) noexcept {
    backend_.open_all();
    wave_.stopped_by_open_all();
    try {
        const Instant now = clock_.now();
        for (std::size_t i = 0; i < closed_since_.size(); ++i) {
            if (closed_since_[i]) {
                record({.channel = i, .active = false}, "", rig_.outputs[i].slot, why, now, now,
                       false, true);
            }
        }
    } catch (...) {
        // The lines are already open; only the note in the record is lost.
    }
    for (std::size_t i = 0; i < closed_since_.size(); ++i) {
        note(i, std::nullopt);
    }
}

void Sequencer::note(std::size_t channel, std::optional<Instant> closed_at) noexcept {
    closed_since_[channel] = closed_at;
    if (!options_.pulse) {
        return;
    }
    if (closed_at) {
        options_.pulse->closed(channel, *closed_at + rig_.outputs[channel].max_hold);
    } else {
        options_.pulse->opened(channel);
    }
}

} // namespace fobrig
