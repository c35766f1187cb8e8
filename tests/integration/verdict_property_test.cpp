// The invariant, over thousands of procedure and rig variants generated from the shipped files
// and run against the simulated car in virtual time: every variant is either refused by the
// file loaders with a line number, or its record bears its verdict out. A fob counted
// programmed or verified has, in the record, the car's answer sensed inside the window of the
// check that counted it; "passed" means every fob was programmed and verified; every output
// ends inactive.
#include "rig/core/indicator.hpp"
#include "rig/core/procedure_check.hpp"
#include "tests/integration/simulated_session.hpp"
#include "tests/support/edited_file.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <random>

namespace fobrig {
namespace {

using testing::replaced;
using testing::replaced_once;

// Seeded, so that a failing variant can be run again; bounded so that the sanitizer build
// runs it in well under a minute: shared among the shipped procedures, each on its own car.
constexpr std::uint32_t seed = 20261201;
constexpr int variant_count = 2000;
constexpr int variants_each = variant_count / static_cast<int>(std::size(testing::shipped_rituals));

struct Variant {
    std::string procedure;
    std::string rig;
    sim::SimFaults faults;
    sim::OperatorProfile person;
    std::string summary; // what was changed, for a failure's message
};

class VariantMaker {
public:
    VariantMaker(std::uint32_t s, const testing::ShippedRitual& ritual)
        : random_(s), procedure_(testing::shipped_text("procedures/" +
                                                       std::string(ritual.procedure) + ".toml")),
          rig_(testing::shipped_text("rigs/" + std::string(ritual.rig))) {}

    Variant make() {
        Variant v{.procedure = procedure_, .rig = rig_};
        each_fob(v);
        confirmations(v);
        verify_steps(v);
        windows(v);
        holds(v);
        latencies(v);
        faults(v);
        return v;
    }

private:
    bool chance(double p) { return std::bernoulli_distribution(p)(random_); }
    int between(int low, int high) { return std::uniform_int_distribution(low, high)(random_); }

    // Changes the first `from`, when an earlier change left one.
    void change(Variant& v, const std::string& from, const std::string& to, const char* what) {
        if (v.procedure.find(from) == std::string::npos) {
            return;
        }
        v.procedure = replaced_once(v.procedure, from, to);
        v.summary += std::string(what) + "; ";
    }

    void each_fob(Variant& v) {
        for (const char* purpose : {"program", "verify", "verify"}) {
            if (chance(0.15)) {
                change(v, "purpose = \"" + std::string(purpose) + "\"\neach_fob = true",
                       "purpose = \"" + std::string(purpose) + "\"\neach_fob = false",
                       "each_fob = false");
            }
        }
    }

    void confirmations(Variant& v) {
        for (const char* confirm :
             {"confirm = { pattern = [\"lock\", \"unlock\"]", "confirm = { pattern = [\"lock\"]",
              "confirm = { pattern = [\"unlock\"]"}) {
            if (chance(0.08)) {
                change(v, confirm, "# confirm = {", "confirm removed");
            }
        }
        if (chance(0.3)) {
            change(v, "after = \"release\", within_ms = 3000",
                   "after = \"release\", within_ms = " + std::to_string(between(300, 4000)),
                   "learn's confirmation window");
        }
        if (chance(0.3)) {
            change(v, "after = \"press\", within_ms = 2000",
                   "after = \"press\", within_ms = " + std::to_string(between(50, 2500)),
                   "verify-lock's confirmation window");
        }
    }

    void verify_steps(Variant& v) {
        if (chance(0.1)) {
            const auto from = v.procedure.find("[[step]]\nid = \"verify-lock\"");
            v.procedure.erase(from, v.procedure.find("[indicator]") - from);
            v.summary += "verify steps removed; ";
        } else if (chance(0.1)) {
            const auto from = v.procedure.find("[[step]]\nid = \"verify-unlock\"");
            v.procedure.erase(from, v.procedure.find("[indicator]") - from);
            v.summary += "verify-unlock removed; ";
        }
    }

    void windows(Variant& v) {
        if (chance(0.3)) {
            change(v, "max_ms = 10000", "max_ms = " + std::to_string(between(1000, 12000)),
                   "three-press window");
        }
        if (chance(0.3)) {
            change(v, "start_within_ms = 30000",
                   "start_within_ms = " + std::to_string(between(0, 40000)), "start_within");
        }
        if (chance(0.2)) {
            change(v, "tolerance_ms = 20", "tolerance_ms = " + std::to_string(between(0, 200)),
                   "tolerance");
        }
        if (chance(0.1)) {
            change(v, "max_attempts = 3", "max_attempts = " + std::to_string(between(1, 3)),
                   "attempts");
        }
    }

    void holds(Variant& v) {
        if (chance(0.3)) {
            change(v, "{ name = \"release\", at_ms = 4300",
                   "{ name = \"release\", at_ms = " + std::to_string(between(4100, 14000)),
                   "learn's hold");
        }
        if (chance(0.2)) {
            change(v, "{ name = \"press3\",  at_ms = 4000",
                   "{ name = \"press3\",  at_ms = " + std::to_string(between(2900, 12000)),
                   "third press");
        }
        if (chance(0.2)) {
            change(v, "{ name = \"lift\",  at_ms = 300",
                   "{ name = \"lift\",  at_ms = " + std::to_string(between(1, 3000)),
                   "verify press length");
        }
        if (chance(0.2)) {
            v.rig = replaced(v.rig, "max_hold_ms = 8000",
                             "max_hold_ms = " + std::to_string(between(500, 9000)));
            v.summary += "max_hold; ";
        }
    }

    void latencies(Variant& v) {
        if (chance(0.3)) {
            const std::string kind = "kind = \"relay\"\n";
            v.rig = replaced_once(
                v.rig, kind,
                kind + "operate_latency_us = " + std::to_string(between(0, 400000)) +
                    "\nrelease_latency_us = " + std::to_string(between(0, 400000)) + "\n");
            v.summary += "latencies of slot 1 lock; ";
        }
    }

    void faults(Variant& v) {
        v.faults.dead_receiver = chance(0.03);
        if (chance(0.1)) {
            v.faults.flat_battery_slots = {between(1, 2)};
        }
        if (chance(0.05)) {
            v.faults.broken_buttons[between(1, 2)] = sim::ButtonMask{.unlock = true};
        }
        if (chance(0.2)) {
            v.faults.telegram_loss = between(0, 30) / 100.0;
            v.faults.seed = random_();
        }
        if (chance(0.2)) {
            v.person.ignition_hold = milliseconds(between(500, 7000));
        }
        if (chance(0.1)) {
            v.person.ack_delay = milliseconds(between(0, 40000));
        }
    }

    std::mt19937 random_;
    const std::string procedure_;
    const std::string rig_;
};

// When the window of `check` opened: the contact instant of the action it counts from.
std::optional<Instant> window_opened(const RunRecord& record, const Rig& rig,
                                     const CheckRecord& check, const std::string& after) {
    std::optional<Instant> opened;
    for (const CommandedEdge& edge : record.commanded) {
        if (edge.attempt == check.attempt && edge.step_id == check.step_id &&
            edge.slot == check.slot && edge.action == after && !edge.forced) {
            const OutputChannel& out = rig.outputs[edge.line];
            opened = edge.scheduled + (edge.active ? out.operate_latency : out.release_latency);
        }
    }
    return opened;
}

// Whether the record holds the confirmation's pattern, in order, inside its window.
bool answer_sensed(const RunRecord& record, const Rig& rig, const Step& step,
                   const CheckRecord& check) {
    const SequenceStep& seq = std::get<SequenceStep>(step.body);
    const Confirmation& confirm = *seq.confirm;
    const std::string after = confirm.after.empty() ? seq.actions.back().name : confirm.after;
    const std::optional<Instant> opened = window_opened(record, rig, check, after);
    if (!opened) {
        return false;
    }
    Instant from = *opened;
    for (const std::string& role : confirm.pattern) {
        // A role the rig does not wire is told by the indicator's flashes.
        const std::string line = "sense." + (rig.sense_index(role) ? role : indicator_role);
        bool seen = false;
        for (const SensedEdge& edge : record.sensed) {
            if (edge.active && record.lines[edge.line].name == line && edge.at >= from &&
                edge.at <= *opened + confirm.within) {
                from = edge.at;
                seen = true;
                break;
            }
        }
        if (!seen) {
            return false;
        }
    }
    return true;
}

// Whether a passed check of `step` for `slot` in `attempt` is borne out by the sensed edges.
bool counted_and_sensed(const RunRecord& record, const Rig& rig, const Step& step, int attempt,
                        int slot) {
    for (const CheckRecord& check : record.checks) {
        if (check.attempt == attempt && check.step_id == step.id && check.slot == slot &&
            check.passed) {
            return answer_sensed(record, rig, step, check);
        }
    }
    return false;
}

// The invariant, from the record alone (and the files it ran); empty when it holds.
std::string broken_invariant(const RunRecord& record, const Procedure& procedure, const Rig& rig) {
    if (record.attempts.empty()) {
        return record.outcome == RunOutcome::passed ? "passed without an attempt" : "";
    }
    const int last = record.attempts.back().number;
    bool all_passed = true;
    for (std::size_t i = 0; i < record.fobs.size(); ++i) {
        const FobVerdict& fob = record.fobs[i];
        const std::string name = "slot " + std::to_string(fob.slot) + ": ";
        bool verify_steps = false;
        for (const Step& step : procedure.steps) {
            const auto* seq = std::get_if<SequenceStep>(&step.body);
            if (!seq || seq->purpose == SequencePurpose::ritual) {
                continue; // a ritual's presses count no fob
            }
            if (step.fob > 0 && static_cast<std::size_t>(step.fob) != i + 1) {
                continue; // another fob's repetition of a block for each fob
            }
            const bool program = seq->purpose == SequencePurpose::program;
            verify_steps = verify_steps || !program;
            if (((program && fob.programmed) || (!program && fob.verified)) &&
                (!seq->each_fob && step.fob == 0 && fob.slot != record.fobs.front().slot)) {
                // A step for the first fob only cannot count another one.
                return name + "counted by step " + step.id + ", which does not check it";
            }
            if ((program && fob.programmed) || (!program && fob.verified)) {
                if (!counted_and_sensed(record, rig, step, last, fob.slot)) {
                    return name + "counted by step " + step.id +
                           " without the car's answer sensed in its window";
                }
            }
        }
        if (fob.verified && !verify_steps) {
            return name + "verified by a procedure without verify steps";
        }
        if (fob.passed && !(fob.programmed && fob.verified)) {
            return name + "passed without being programmed and verified";
        }
        all_passed = all_passed && fob.passed;
    }
    if (record.outcome == RunOutcome::passed && !all_passed) {
        return "the run passed while a fob did not";
    }
    if (record.outcome != RunOutcome::passed &&
        record.reason.find("programmed and verified") != std::string::npos) {
        return "a run that did not pass says 'programmed and verified'";
    }
    std::map<std::size_t, bool> active;
    for (const CommandedEdge& edge : record.commanded) {
        active[edge.line] = edge.active;
    }
    for (const auto& [line, on] : active) {
        if (on) {
            return record.lines[line].name + " is left active";
        }
    }
    return "";
}

const SequenceStep& program_step(const Procedure& procedure) {
    for (const Step& step : procedure.steps) {
        const auto* seq = std::get_if<SequenceStep>(&step.body);
        if (seq && seq->purpose == SequencePurpose::program) {
            return *seq;
        }
    }
    throw std::logic_error("a procedure without a program step loaded");
}

TEST(VerdictProperty, EveryVariantIsRefusedWithALineOrItsRecordBearsItsVerdictOut) {
    int refused = 0;
    std::map<RunOutcome, int> outcomes;
    for (const testing::ShippedRitual& ritual : testing::shipped_rituals) {
        VariantMaker maker(seed, ritual);
        for (int i = 0; i < variants_each; ++i) {
            const Variant v = maker.make();
            const std::string what = std::string(ritual.procedure) + " variant " +
                                     std::to_string(i) + " (" + v.summary + ")";
            const LoadResult<Procedure> procedure = parse_procedure(v.procedure, "variant.toml");
            const LoadResult<Rig> rig = parse_rig(v.rig, "variant-rig.toml");
            std::vector<int> lines;
            for (const auto* errors : {&procedure.errors, &rig.errors}) {
                for (const Diagnostic& error : *errors) {
                    lines.push_back(error.line);
                }
            }
            if (procedure.ok() && rig.ok()) {
                for (const Problem& problem :
                     check_procedure_against_rig(*procedure.value, *rig.value, rig.value->slots)) {
                    lines.push_back(problem.pos.line);
                }
            }
            if (!lines.empty()) {
                ++refused;
                for (const int line : lines) {
                    ASSERT_GT(line, 0) << what << " is refused without a line number";
                }
                continue;
            }
            testing::SimulatedSession session(v.faults, v.person, *rig.value,
                                              sim::make_car(ritual.car));
            const std::vector<FobUnderTest> fobs =
                program_step(*procedure.value).each_fob
                    ? testing::both_fobs
                    : std::vector<FobUnderTest>{testing::both_fobs.front()};
            const RunRecord record = session.run_with(*procedure.value, fobs);
            ++outcomes[record.outcome];
            const std::string broken = broken_invariant(record, *procedure.value, *rig.value);
            ASSERT_EQ(broken, "") << what << ": " << to_string(record.outcome) << ", "
                                  << record.reason;
        }
    }
    std::printf("variants: %d, refused %d, run %d: passed %d, unverified %d, failed %d\n",
                variants_each * static_cast<int>(std::size(testing::shipped_rituals)), refused,
                variants_each * static_cast<int>(std::size(testing::shipped_rituals)) - refused,
                outcomes[RunOutcome::passed], outcomes[RunOutcome::unverified],
                outcomes[RunOutcome::failed]);
    EXPECT_GT(refused, 0);
    EXPECT_GT(outcomes[RunOutcome::passed], 0);
    EXPECT_GT(outcomes[RunOutcome::unverified], 0);
    EXPECT_GT(outcomes[RunOutcome::failed], 0);
}

} // namespace
} // namespace fobrig
