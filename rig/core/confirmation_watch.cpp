#include "rig/core/confirmation_watch.hpp"

namespace fobrig {
namespace {

// Roles decoded from the indicator get inputs no backend numbers: past every sense and
// read-back input.
std::map<std::string, std::size_t> decoded_roles(const Procedure& procedure, const Rig& rig,
                                                 const std::vector<std::string>& pattern) {
    std::map<std::string, std::size_t> decoded;
    for (const std::string& role : pattern) {
        if (indicator_tells(procedure, rig, role)) {
            decoded.try_emplace(role, rig.senses.size() + rig.outputs.size() + decoded.size());
        }
    }
    return decoded;
}

std::vector<std::size_t> detector_inputs(const Rig& rig, const std::vector<std::string>& pattern,
                                         const std::map<std::string, std::size_t>& decoded) {
    std::vector<std::size_t> inputs;
    for (const std::string& role : pattern) {
        const auto it = decoded.find(role);
        inputs.push_back(it != decoded.end() ? it->second : *rig.sense_index(role));
    }
    return inputs;
}

} // namespace

ConfirmationWatch::ConfirmationWatch(const Procedure& procedure, const Rig& rig,
                                     const Confirmation& confirm, Instant from, std::string after)
    : decoded_(decoded_roles(procedure, rig, confirm.pattern)),
      detector_(detector_inputs(rig, confirm.pattern, decoded_), confirm.pattern, from,
                confirm.within, std::move(after)) {
    if (!decoded_.empty()) {
        decoder_.emplace(*procedure.indicator);
        indicator_input_ = *rig.sense_index(indicator_role);
    }
}

void ConfirmationWatch::feed(const InputEdge& edge) {
    detector_.feed(edge);
    if (decoder_ && edge.input == indicator_input_ && edge.active) {
        if (const auto answer = decoder_->flash(edge.at)) {
            answered(*answer);
        }
    }
}

void ConfirmationWatch::settle(Instant now) {
    if (decoder_) {
        if (const auto answer = decoder_->settle(now)) {
            answered(*answer);
        }
    }
}

Instant ConfirmationWatch::next_look() const {
    if (decoder_) {
        if (const auto started = decoder_->burst_started();
            started && *started <= detector_.deadline()) {
            return *decoder_->decided_at();
        }
    }
    return detector_.deadline();
}

void ConfirmationWatch::answered(const IndicatorAnswer& answer) {
    if (!answer.role.empty()) {
        if (const auto it = decoded_.find(answer.role); it != decoded_.end()) {
            detector_.feed({.input = it->second, .active = true, .at = answer.at});
        }
        return;
    }
    if (answer.at >= detector_.opened() && answer.at <= detector_.deadline()) {
        unknown_answers_.push_back(unknown_answer_text(answer, decoder_->flashes()));
    }
}

ConfirmationResult ConfirmationWatch::result() const {
    ConfirmationResult result = detector_.result();
    if (!result.confirmed) {
        for (const std::string& unknown : unknown_answers_) {
            result.reason += "; " + unknown;
        }
    }
    return result;
}

} // namespace fobrig
