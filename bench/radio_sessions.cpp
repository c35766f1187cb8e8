// Each session is the daemon's own run on a fresh simulated bench; only the seed changes.
#include "bench/radio_sessions.hpp"

#include "rig/core/programming_run.hpp"
#include "sim/simulated_rig.hpp"

#include <algorithm>

namespace fobrig::bench {
namespace {

// Why the first attempt failed: its first failed check (or what stopped it), and what the
// simulated car noted, which says which telegram it missed.
std::string first_attempt_cause(const RunRecord& record, const std::vector<std::string>& notes) {
    const auto failed = std::ranges::find_if(record.checks, [](const CheckRecord& check) {
        return check.attempt == 1 && !check.passed;
    });
    std::string cause =
        failed != record.checks.end()
            ? failed->step_id + ": " + failed->reason
            : (record.attempts.empty() ? record.reason : record.attempts.front().reason);
    if (!notes.empty()) {
        cause += " (the car: " + notes.front() + ")";
    }
    return cause;
}

} // namespace

RadioTally tally_sessions(const Procedure& procedure, const Rig& rig, const sim::CarMaker& car,
                          std::size_t fobs, double telegram_loss, int runs,
                          std::uint64_t first_seed) {
    RadioTally tally{.attempts = procedure.retry.max_attempts};
    const std::vector<int> slots(rig.slots.begin(),
                                 rig.slots.begin() + std::min(fobs, rig.slots.size()));
    const std::atomic<bool> abort{false};
    for (int i = 0; i < runs; ++i) {
        sim::SimulatedRig bench(
            rig, true,
            {.telegram_loss = telegram_loss, .seed = first_seed + static_cast<std::uint64_t>(i)},
            {}, car);
        const RunRecord record = run_procedure(
            {.procedure = procedure, .rig = rig, .fobs = fobs_in_slots(rig, slots, {})},
            {bench.clock(), bench.backend(), bench.operator_console(), abort});
        ++tally.runs;
        const bool first = !record.attempts.empty() && record.attempts.front().passed &&
                           record.outcome == RunOutcome::passed;
        tally.first_attempt += first ? 1 : 0;
        tally.passed += record.outcome == RunOutcome::passed ? 1 : 0;
        tally.pressed_again += std::ranges::any_of(record.checks, [](const CheckRecord& check) {
            return check.passed && check.presses > 1;
        });
        if (!first) {
            ++tally.causes[first_attempt_cause(record, bench.take_car_notes())];
        }
    }
    return tally;
}

} // namespace fobrig::bench
