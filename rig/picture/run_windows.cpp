#include "rig/picture/run_windows.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace fobrig {
namespace {

const SequenceStep* sequence_step(const Procedure& procedure, const std::string& id) {
    for (const Step& step : procedure.steps) {
        if (step.id == id) {
            return std::get_if<SequenceStep>(&step.body);
        }
    }
    return nullptr;
}

// The step as the sequence played it: with the variant its check (or its attempt) names; a
// record without one, written before variants, played the first.
SequenceStep as_played(const SequenceStep& step, const RunRecord& record,
                       const PlayedSequence& played) {
    std::string variant;
    for (const CheckRecord& check : record.checks) {
        if (check.attempt == played.attempt && check.step_id == played.step_id &&
            check.slot == played.slot) {
            variant = check.variant;
        }
    }
    for (const AttemptRecord& attempt : record.attempts) {
        if (variant.empty() && attempt.number == played.attempt) {
            variant = attempt.variant;
        }
    }
    return played_as(step, variant_for(step, 0, variant));
}

// The actual instant of the first scheduled edge of `action` in the played sequence.
std::optional<Duration> action_at(const RunRecord& record, const PlayedSequence& played,
                                  const std::string& action) {
    for (const CommandedEdge& edge : record.commanded) {
        if (!edge.forced && edge.attempt == played.attempt && edge.step_id == played.step_id &&
            edge.slot == played.slot && edge.action == action) {
            return edge.actual - record.t0;
        }
    }
    return std::nullopt;
}

// "3 presses within 10 s of hold" when several presses must fit, else "press3 within 10 s of
// hold".
std::string presses_label(const SequenceStep& step, const Window& window) {
    int presses = 0;
    bool inside = false;
    for (const ButtonAction& action : step.actions) {
        if (inside && !action.press.empty()) {
            ++presses;
        }
        if (action.name == window.from) {
            inside = true;
        }
        if (action.name == window.to) {
            break;
        }
    }
    const std::string what = presses > 1 ? std::to_string(presses) + " presses" : window.to;
    return what + " within " + duration_text(window.max) + " of " + window.from;
}

// Where the previous step of the same attempt ended, and how the start label names it.
struct PreviousEnd {
    Duration at{};
    std::string name;
};

std::optional<PreviousEnd> previous_end(const RunRecord& record, const Procedure& procedure,
                                        const std::vector<PlayedSequence>& played,
                                        const PlayedSequence& current) {
    std::optional<PreviousEnd> best;
    for (const PlayedSequence& other : played) {
        if (other.attempt == current.attempt && other.last < current.first &&
            (!best || other.last > best->at)) {
            best = PreviousEnd{other.last,
                               "slot " + std::to_string(other.slot) + "'s " + other.step_id};
        }
    }
    for (const OperatorRecord& step : record.operator_steps) {
        if (step.attempt != current.attempt || !step.acknowledged) {
            continue;
        }
        const Duration done = *step.acknowledged - record.t0;
        if (done < current.first && (!best || done > best->at)) {
            const OperatorStep* known = find_operator_step(procedure, step.step_id);
            const bool key = known && known->action == OperatorAction::ignition_cycle;
            best = PreviousEnd{done, key ? "key out" : step.step_id};
        }
    }
    return best;
}

std::string pattern_text(const std::vector<std::string>& pattern) {
    std::string text;
    for (const std::string& signal : pattern) {
        text += (text.empty() ? "" : ", ") + signal;
    }
    return text;
}

} // namespace

const OperatorStep* find_operator_step(const Procedure& procedure, const std::string& id) {
    for (const Step& step : procedure.steps) {
        if (step.id == id) {
            return std::get_if<OperatorStep>(&step.body);
        }
    }
    return nullptr;
}

std::vector<PlayedSequence> played_sequences(const RunRecord& record) {
    std::map<std::tuple<int, std::string, int>, PlayedSequence> by_key;
    for (const CommandedEdge& edge : record.commanded) {
        if (edge.forced) {
            continue;
        }
        const Duration at = edge.actual - record.t0;
        auto [entry, added] =
            by_key.try_emplace({edge.attempt, edge.step_id.str(), edge.slot},
                               PlayedSequence{edge.attempt, edge.step_id.str(), edge.slot, at, at});
        entry->second.first = std::min(entry->second.first, at);
        entry->second.last = std::max(entry->second.last, at);
    }
    std::vector<PlayedSequence> played;
    for (auto& [key, sequence] : by_key) {
        played.push_back(std::move(sequence));
    }
    std::sort(played.begin(), played.end(),
              [](const PlayedSequence& a, const PlayedSequence& b) { return a.first < b.first; });
    return played;
}

std::vector<RunWindow> run_windows(const RunRecord& record, const Procedure& procedure) {
    const std::vector<PlayedSequence> played = played_sequences(record);
    std::vector<RunWindow> windows;
    for (const PlayedSequence& sequence : played) {
        const SequenceStep* written = sequence_step(procedure, sequence.step_id);
        if (!written) {
            continue;
        }
        const SequenceStep played_step = as_played(*written, record, sequence);
        const SequenceStep* step = &played_step;
        const RunWindow base{
            .attempt = sequence.attempt, .step_id = sequence.step_id, .slot = sequence.slot};
        if (step->start_within > Duration{0}) {
            if (const auto previous = previous_end(record, procedure, played, sequence)) {
                RunWindow window = base;
                window.kind = WindowKind::start;
                window.from = previous->at;
                window.to = previous->at + step->start_within;
                window.label =
                    "start within " + duration_text(step->start_within) + " of " + previous->name;
                window.kept = sequence.first <= window.to;
                windows.push_back(std::move(window));
            }
        }
        for (const Window& limit : step->windows) {
            const auto from = action_at(record, sequence, limit.from);
            if (!from) {
                continue;
            }
            const auto to = action_at(record, sequence, limit.to);
            RunWindow window = base;
            window.from = *from;
            window.to = *from + limit.max;
            window.label = presses_label(*step, limit);
            window.kept = to && *to <= window.to;
            windows.push_back(std::move(window));
        }
        if (step->confirm && !step->actions.empty()) {
            const std::string& after =
                step->confirm->after.empty() ? step->actions.back().name : step->confirm->after;
            const auto from = action_at(record, sequence, after);
            if (!from) {
                continue;
            }
            RunWindow window = base;
            window.kind = WindowKind::confirmation;
            window.from = *from;
            window.to = *from + step->confirm->within;
            window.label = pattern_text(step->confirm->pattern) + " within " +
                           duration_text(step->confirm->within) + " of " + after;
            window.kept = false;
            for (const CheckRecord& check : record.checks) {
                if (check.attempt == sequence.attempt && check.step_id == sequence.step_id &&
                    check.slot == sequence.slot) {
                    window.kept = check.passed;
                    if (check.latency) {
                        window.answer = *from + *check.latency;
                    }
                }
            }
            windows.push_back(std::move(window));
        }
    }
    return windows;
}

} // namespace fobrig
