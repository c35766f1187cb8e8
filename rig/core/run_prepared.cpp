#include "rig/core/run_prepared.hpp"

#include "rig/core/programming_run_operator.hpp"
#include "rig/core/text_append.hpp"

#include <algorithm>

namespace fobrig {

namespace {

// The longest variant id of `step`: room for the one its check plays.
std::size_t longest_variant(const Step& step) {
    std::size_t longest = 0;
    if (const auto* seq = std::get_if<SequenceStep>(&step.body)) {
        for (const SequenceVariant& variant : seq->variants) {
            longest = std::max(longest, variant.id.size());
        }
    }
    return longest;
}

// The name of the action a played way's answer window opens at: the named one, else its last.
std::string answer_after(const PlayedWay& way) {
    const Confirmation& confirm = *way.step.confirm;
    if (!confirm.after.empty() || way.plans.empty() || way.plans.front().edges.empty()) {
        return confirm.after;
    }
    return way.plans.front().edges.back().action.str();
}

} // namespace

RunPrepared::RunPrepared(const RunRequest& request, const RunPlans& plans, RunRecorder& recorder)
    : procedure_(request.procedure), fob_count_(request.fobs.size()) {
    const Procedure& procedure = request.procedure;
    const Rig& rig = request.rig;
    const int attempts = max_attempts(request);
    for (const Step& step : procedure.steps) {
        PreparedStep& prepared = steps_.emplace_back();
        prepared.started = step_started_event(request, step);
        const auto* op = std::get_if<OperatorStep>(&step.body);
        if (!step_applies(request, step)) {
            continue;
        }
        if (op != nullptr) {
            prepared.prompt = prepared_prompt(procedure, step, *op);
            prepared.clock = {.step_id = step.id, .what = "key out"};
            if (op->confirm) {
                watches_.emplace_back(&*op->confirm,
                                      ConfirmationWatch(procedure, rig, *op->confirm, Instant{},
                                                        "'" + step.title + "' was done"));
            }
        } else {
            for (const PlayedWay& way : plans.ways(procedure, step)) {
                if (way.step.confirm) {
                    watches_.emplace_back(&*way.step.confirm,
                                          ConfirmationWatch(procedure, rig, *way.step.confirm,
                                                            Instant{}, answer_after(way)));
                }
            }
        }
    }
    std::size_t longest_variant_id = 0;
    for (const Step& step : procedure.steps) {
        longest_variant_id = std::max(longest_variant_id, longest_variant(step));
    }
    for (int attempt = 1; attempt <= attempts; ++attempt) {
        for (const Step& step : procedure.steps) {
            const auto* op = std::get_if<OperatorStep>(&step.body);
            operator_records_.push_back(
                {.attempt = attempt, .step_id = step.id, .prompt = op ? op->prompt : ""});
            for (std::size_t fob = 0; fob <= fob_count_; ++fob) {
                CheckRecord& check = checks_.emplace_back(
                    CheckRecord{.attempt = attempt,
                                .step_id = step.id,
                                .slot = fob == 0 ? 0 : request.fobs[fob - 1].slot});
                check.variant.reserve(longest_variant(step));
                check.reason.reserve(text_capacity);
            }
        }
        AttemptRecord& record = attempt_records_.emplace_back(AttemptRecord{.number = attempt});
        record.reason.reserve(text_capacity);
        record.variant.reserve(longest_variant_id);
        AttemptState& state = attempts_.emplace_back();
        state.failure.reserve(text_capacity);
        state.fobs.resize(fob_count_);
        for (FobState& fob : state.fobs) {
            fob.failure.reserve(text_capacity);
            fob.verified_by.reserve(procedure.steps.size());
            fob.repressed.reserve(procedure.steps.size());
        }
        state.events.resize(procedure.windows.size());
        state.held.reserve(rig.outputs.size());
    }
    // One for each attempt and step, and the prerequisites'.
    recorder.reserve_results(operator_records_.size() + 1, checks_.size(), attempts_.size());
    hold_plan_.tolerance = milliseconds(100);
    hold_plan_.edges.emplace_back().levels.reserve(rig.outputs.size());
}

ConfirmationWatch& RunPrepared::watch(const Confirmation& confirm) {
    const auto found = std::ranges::find(watches_, &confirm,
                                         &std::pair<const Confirmation*, ConfirmationWatch>::first);
    return found->second; // every answer the run may watch was prepared
}

std::size_t RunPrepared::record_index(int attempt, const Step& step, std::size_t fob) const {
    return (static_cast<std::size_t>(attempt - 1) * procedure_.steps.size() + index(step)) *
               (fob_count_ + 1) +
           fob;
}

OperatorRecord RunPrepared::take_operator_record(int attempt, const Step& step) {
    return std::move(operator_records_.at(
        static_cast<std::size_t>(attempt - 1) * procedure_.steps.size() + index(step)));
}

CheckRecord RunPrepared::take_check(int attempt, const Step& step, std::optional<std::size_t> fob) {
    return std::move(checks_.at(record_index(attempt, step, fob ? *fob + 1 : 0)));
}

} // namespace fobrig
