// Verdicts in a mechanic's words: which fob failed, at which check, and what to look at.
#include "rig/core/programming_run_verdict.hpp"

#include "rig/core/text_append.hpp"

#include <algorithm>
#include <set>

namespace fobrig {

namespace {

enum class FobResult { passed, unverified, failed };

// Whether checks of `step` make a fob verified: a verify step that checks the car's answer.
bool verifies(const Step& step) {
    const auto* seq = std::get_if<SequenceStep>(&step.body);
    return seq && seq->purpose == SequencePurpose::verify && seq->confirm;
}

bool has_verify_step(const Procedure& procedure) {
    return std::ranges::any_of(procedure.steps, verifies);
}

bool verified_by(const FobState& state, const Step& step) {
    return std::ranges::find(state.verified_by, step.id) != state.verified_by.end();
}

// Whether `step` checks the fob at `fob` (an index into the request's fobs): every step but
// another fob's repetition of a block for each fob.
bool verifies_fob(const Step& step, std::size_t fob) {
    return verifies(step) && (step.fob == 0 || static_cast<std::size_t>(step.fob) == fob + 1);
}

// Judged as the run goes (between its attempts): allocates nothing.
bool verified(const FobState& state, std::size_t fob, const Procedure& procedure) {
    return has_verify_step(procedure) &&
           std::ranges::all_of(procedure.steps, [&](const Step& step) {
               return !verifies_fob(step, fob) || verified_by(state, step);
           });
}

FobResult judge_fob(RunMode mode, const FobState& state, std::size_t fob,
                    const Procedure& procedure) {
    if ((mode == RunMode::program && !state.programmed) || state.verify_failed) {
        return FobResult::failed;
    }
    return verified(state, fob, procedure) ? FobResult::passed : FobResult::unverified;
}

// Why a fob that failed no check is not verified, appended to `text`.
void append_unverified(std::string& text, const FobState& state, std::size_t fob,
                       const Procedure& procedure) {
    if (!has_verify_step(procedure)) {
        return append(text, "the procedure has no verify step");
    }
    append(text, "not checked by ");
    bool first = true;
    for (const Step& step : procedure.steps) {
        if (verifies_fob(step, fob) && !verified_by(state, step)) {
            append(text, first ? "'" : ", '", step.id, "'");
            first = false;
        }
    }
}

std::string unverified_text(const FobState& state, std::size_t fob, const Procedure& procedure) {
    std::string text;
    append_unverified(text, state, fob, procedure);
    return text;
}

// "'verify-lock' answered at press 2 of 3".
std::string repressed_text(const Repressed& again) {
    return "'" + std::string(again.step_id) + "' answered at press " + std::to_string(again.press) +
           " of " + std::to_string(again.of);
}

// Whether record line `index` carries the car's answers: not an output, not an input a person
// works (the key in the ignition, the key in its slot, a door), not an output's read-back
// contact.
bool answers_of_the_car(const RunRecord& record, std::size_t index) {
    const RecordedLine& line = record.lines[index];
    const bool worked_by_person =
        line.name == "sense.ignition" || line.name == "sense.key-in" || line.name == "sense.door";
    const bool read_back = std::ranges::any_of(
        record.lines, [&](const RecordedLine& other) { return other.contact == index; });
    return !line.output && !worked_by_person && !read_back;
}

bool is_program_step(const Procedure& procedure, const std::string& id) {
    return std::ranges::any_of(procedure.steps, [&](const Step& step) {
        const auto* seq = std::get_if<SequenceStep>(&step.body);
        return step.id == id && seq && seq->purpose == SequencePurpose::program;
    });
}

// Whether the record shows program steps played and the car never answering one at all: none
// of its signals turned active while a program sequence played for a fob or its check waited.
bool program_step_unanswered(const RunRecord& record, const Procedure& procedure) {
    bool played = false;
    for (const CheckRecord& check : record.checks) {
        const auto first = std::ranges::find_if(record.commanded, [&](const CommandedEdge& e) {
            return e.attempt == check.attempt && e.step_id == check.step_id && e.slot == check.slot;
        });
        if (!is_program_step(procedure, check.step_id) || first == record.commanded.end()) {
            continue;
        }
        played = true;
        const bool answered = std::ranges::any_of(record.sensed, [&](const SensedEdge& edge) {
            return edge.active && answers_of_the_car(record, edge.line) &&
                   edge.at >= first->actual && edge.at <= check.decided;
        });
        if (answered) {
            return false;
        }
    }
    return played;
}

// What the car signalled while a program step played for the fob in `slot` or its check waited
// ("horn"; each signal once, in the order first seen), or nothing.
std::string signalled_while_programming(const RunRecord& record, const Procedure& procedure,
                                        int slot) {
    std::vector<std::size_t> lines;
    for (const CheckRecord& check : record.checks) {
        const auto first = std::ranges::find_if(record.commanded, [&](const CommandedEdge& e) {
            return e.attempt == check.attempt && e.step_id == check.step_id && e.slot == slot;
        });
        if (check.slot != slot || !is_program_step(procedure, check.step_id) ||
            first == record.commanded.end()) {
            continue;
        }
        for (const SensedEdge& edge : record.sensed) {
            if (edge.active && answers_of_the_car(record, edge.line) && edge.at >= first->actual &&
                edge.at <= check.decided && std::ranges::find(lines, edge.line) == lines.end()) {
                lines.push_back(edge.line);
            }
        }
    }
    std::string text;
    for (const std::size_t line : lines) {
        std::string_view name = record.lines[line].name;
        name.remove_prefix(name.find('.') + 1); // "sense.horn": "horn"
        text += (text.empty() ? "" : ", ") + std::string(name);
    }
    return text;
}

// " (BMW Mini One, Cooper, Cooper S, One D, 2004-2006)", or nothing when the file does not say.
std::string cars_text(const Applicability& car) {
    if (car.make.empty()) {
        return "";
    }
    std::string text = " (" + car.make;
    for (std::size_t i = 0; i < car.models.size(); ++i) {
        text += (i == 0 ? " " : ", ") + car.models[i];
    }
    if (car.year_from > 0) {
        text += ", " + std::to_string(car.year_from) + "-" + std::to_string(car.year_to);
    }
    return text + ")";
}

std::string explain(const RunRequest& request, const std::vector<AttemptState>& attempts,
                    const FobUnderTest& fob, const FobState& state,
                    const std::set<int>& ever_confirmed, const RunRecord& record) {
    const AttemptState& last = attempts.back();
    if (!last.failure.empty()) {
        return last.failure;
    }
    const std::string tries =
        std::to_string(attempts.size()) + (attempts.size() == 1 ? " attempt" : " attempts");
    if (request.mode == RunMode::program && !ever_confirmed.contains(fob.slot)) {
        if (const std::string heard =
                signalled_while_programming(record, request.procedure, fob.slot);
            !heard.empty()) {
            // Part of an answer came (VW: the horn, never the unlock): the receiver heard the
            // fob; the ritual went wrong after that.
            return "the car answered this fob only in part in " + tries + ": it signalled " +
                   heard + " while its program step played, never the whole answer (last: " +
                   state.failure + "); it hears the fob, so look at the ritual. " +
                   request.procedure.on_failure;
        }
        if (ever_confirmed.empty() && program_step_unanswered(record, request.procedure)) {
            // Nothing in the record tells a car this ritual is not for from one whose
            // receiver is dead or a key step done out of time: say what it shows.
            return "the car never showed it entered programming mode: no answer at all to the "
                   "program step in " +
                   tries + " (last: " + state.failure +
                   "); check that this procedure is for this car" +
                   cars_text(request.procedure.applies_to) +
                   ", that the steps before it were done in time, then the car's receiver";
        }
        if (ever_confirmed.empty()) {
            return "no fob was confirmed in " + tries + " (last: " + state.failure +
                   "): check the car's receiver. " + request.procedure.on_failure;
        }
        std::string others;
        for (const int slot : ever_confirmed) {
            others += (others.empty() ? "slot " : ", slot ") + std::to_string(slot);
        }
        return "never confirmed in " + tries + " while " + others +
               " was: the car does not hear this fob; check its battery, or the fob itself";
    }
    return state.failure.empty() ? "not checked" : state.failure;
}

// "every fob programmed and verified in one session, attempt 2", or less when not all verified;
// "... with variant 'unlock-held' at attempt 1" when the program step has variants.
std::string success_text(RunMode mode, const AttemptRecord& attempt, bool all_verified) {
    const char* what = mode == RunMode::program
                           ? (all_verified ? "every fob programmed and verified in one session"
                                           : "every fob programmed in one session")
                           : (all_verified ? "every fob answered" : "every fob checked answered");
    if (attempt.variant.empty()) {
        return what + std::string(", attempt ") + std::to_string(attempt.number);
    }
    return what + std::string(" with variant '") + attempt.variant + "' at attempt " +
           std::to_string(attempt.number);
}

} // namespace

std::string fob_name(const FobUnderTest& fob) {
    std::string name;
    append_fob_name(name, fob);
    return name;
}

void append_fob_name(std::string& text, const FobUnderTest& fob) {
    append(text, "slot ", std::to_string(fob.slot));
    if (!fob.label.empty()) {
        append(text, " (", fob.label, ")");
    }
}

AttemptRecord judge_attempt(const RunRequest& request, AttemptRecord record,
                            const AttemptState& state, bool aborted) {
    record.passed = !aborted && state.failure.empty();
    record.variant = state.variant != nullptr ? std::string_view(state.variant->id) : "";
    std::string& reason = record.reason;
    set_text(reason, aborted ? "aborted" : std::string_view(state.failure));
    for (std::size_t i = 0; i < request.fobs.size(); ++i) {
        const FobState& fs = state.fobs[i];
        const FobResult result = judge_fob(request.mode, fs, i, request.procedure);
        if (result == FobResult::passed) {
            continue;
        }
        record.passed = false;
        if (!aborted && state.failure.empty()) {
            append(reason, reason.empty() ? "" : "; ");
            append_fob_name(reason, request.fobs[i]);
            append(reason, ": ");
            if (result == FobResult::unverified) {
                append(reason, "not verified: ");
                append_unverified(reason, fs, i, request.procedure);
            } else {
                append(reason, fs.failure.empty() ? "not checked" : std::string_view(fs.failure));
            }
        }
    }
    return record;
}

bool worth_retrying(const RunRequest& request, const AttemptState& state) {
    if (!state.failure.empty()) {
        return true;
    }
    for (std::size_t i = 0; i < state.fobs.size(); ++i) {
        if (judge_fob(request.mode, state.fobs[i], i, request.procedure) == FobResult::failed) {
            return true;
        }
    }
    return false;
}

void conclude_run(const RunRequest& request, std::vector<AttemptState>& attempts,
                  bool prerequisites_confirmed, bool aborted, RunRecord& record) {
    std::set<int> ever_confirmed;
    for (const auto& attempt : attempts) {
        for (std::size_t i = 0; i < attempt.fobs.size(); ++i) {
            if (attempt.fobs[i].programmed || !attempt.fobs[i].verified_by.empty()) {
                ever_confirmed.insert(request.fobs[i].slot);
            }
        }
    }
    const bool ran =
        !aborted && prerequisites_confirmed && !attempts.empty() && attempts.back().failure.empty();
    bool all_passed = ran;
    bool none_failed = ran;
    std::string unverified;
    std::string repressed; // fobs that answered a verify step only when pressed again
    std::vector<std::string> reasons;
    for (std::size_t i = 0; i < request.fobs.size(); ++i) {
        const FobUnderTest& fob = request.fobs[i];
        FobVerdict verdict{.slot = fob.slot, .label = fob.label};
        FobResult result = FobResult::failed;
        if (!attempts.empty()) {
            const FobState& state = attempts.back().fobs[i];
            result = judge_fob(request.mode, state, i, request.procedure);
            verdict.programmed = state.programmed;
            verdict.verified = verified(state, i, request.procedure);
            verdict.passed = result == FobResult::passed;
            for (const Repressed& again : state.repressed) {
                const std::string text = repressed_text(again);
                verdict.reason += (verdict.reason.empty() ? "" : "; ") + text;
                repressed += (repressed.empty() ? "" : "; ") + fob_name(fob) + ": " + text;
            }
            if (result == FobResult::unverified) {
                verdict.reason += std::string(verdict.reason.empty() ? "" : "; ") +
                                  (request.mode == RunMode::program ? "programmed; not verified: "
                                                                    : "not verified: ") +
                                  unverified_text(state, i, request.procedure);
                unverified += (unverified.empty() ? "" : "; ") + fob_name(fob) + ": " +
                              unverified_text(state, i, request.procedure);
            } else if (!verdict.passed && !aborted) {
                verdict.reason = explain(request, attempts, fob, state, ever_confirmed, record);
            }
        }
        all_passed = all_passed && result == FobResult::passed;
        none_failed = none_failed && result != FobResult::failed;
        if (aborted) {
            verdict.reason = "the run was aborted";
        } else if (!prerequisites_confirmed) {
            verdict.reason = "the prerequisites were not confirmed";
        }
        if (result == FobResult::failed &&
            std::find(reasons.begin(), reasons.end(), verdict.reason) == reasons.end()) {
            reasons.push_back(verdict.reason);
        }
        record.fobs.push_back(std::move(verdict));
    }

    record.outcome = aborted       ? RunOutcome::aborted
                     : all_passed  ? RunOutcome::passed
                     : none_failed ? RunOutcome::unverified
                                   : RunOutcome::failed;
    if (record.outcome == RunOutcome::passed || record.outcome == RunOutcome::unverified) {
        record.reason = success_text(request.mode, record.attempts.back(), all_passed);
        if (!all_passed) {
            record.reason += "; not verified: " + (!has_verify_step(request.procedure)
                                                       ? "the procedure has no verify step"
                                                       : unverified);
        }
    } else if (reasons.size() == 1) {
        record.reason = reasons.front();
    } else {
        for (const auto& verdict : record.fobs) {
            if (!verdict.passed) {
                record.reason += (record.reason.empty() ? "" : "; ") +
                                 fob_name({verdict.slot, verdict.label}) + ": " + verdict.reason;
            }
        }
    }
    if (!repressed.empty() &&
        (record.outcome == RunOutcome::passed || record.outcome == RunOutcome::unverified)) {
        record.reason += "; pressed again: " + repressed;
    }
    for (const std::string& note : {late_edges_text(record), forced_openings_text(record)}) {
        if (!note.empty()) {
            record.reason += "; " + note;
        }
    }
}

} // namespace fobrig
