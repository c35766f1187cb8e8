#include "rig/core/confirmation_watch.hpp"

#include "rig/core/text_append.hpp"

namespace fobrig {
namespace {

constexpr std::size_t unknown_capacity = 16;

// Every role the answer names: its pattern's, then its failure patterns'.
std::vector<std::string> answer_roles(const Confirmation& confirm) {
    std::vector<std::string> roles = confirm.pattern;
    for (const FailurePattern& failure : confirm.failures) {
        roles.insert(roles.end(), failure.pattern.begin(), failure.pattern.end());
    }
    return roles;
}

// Roles decoded from the indicator get inputs no backend numbers: past every sense and
// read-back input.
std::map<std::string, std::size_t> decoded_roles(const Procedure& procedure, const Rig& rig,
                                                 const std::vector<std::string>& roles) {
    std::map<std::string, std::size_t> decoded;
    for (const std::string& role : roles) {
        if (indicator_tells(procedure, rig, role)) {
            decoded.try_emplace(role, rig.senses.size() + rig.outputs.size() + decoded.size());
        }
    }
    return decoded;
}

AnswerShape shape_of(const Rig& rig, const std::vector<std::string>& pattern, int times,
                     const std::map<std::string, std::size_t>& decoded) {
    AnswerShape shape{.roles = pattern, .times = times};
    for (const std::string& role : pattern) {
        const auto it = decoded.find(role);
        shape.inputs.push_back(it != decoded.end() ? it->second : *rig.sense_index(role));
    }
    return shape;
}

std::vector<AnswerShape> failure_shapes(const Rig& rig, const Confirmation& confirm,
                                        const std::map<std::string, std::size_t>& decoded) {
    std::vector<AnswerShape> shapes;
    for (const FailurePattern& failure : confirm.failures) {
        shapes.push_back(shape_of(rig, failure.pattern, failure.times, decoded));
        shapes.back().means = failure.means;
    }
    return shapes;
}

} // namespace

ConfirmationWatch::ConfirmationWatch(const Procedure& procedure, const Rig& rig,
                                     const Confirmation& confirm, Instant from, std::string after)
    : decoded_(decoded_roles(procedure, rig, answer_roles(confirm))),
      detector_(shape_of(rig, confirm.pattern, confirm.times, decoded_),
                failure_shapes(rig, confirm, decoded_), from, confirm.within, std::move(after)) {
    if (!decoded_.empty()) {
        decoder_.emplace(*procedure.indicator);
        indicator_input_ = *rig.sense_index(indicator_role);
    }
    unknown_answers_.reserve(unknown_capacity);
    result_.reason.reserve(text_capacity);
}

void ConfirmationWatch::restart(Instant from) {
    detector_.restart(from);
    if (decoder_) {
        decoder_->restart();
    }
    unknown_answers_.clear();
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
    if (answer.at >= detector_.opened() && answer.at <= detector_.deadline() &&
        unknown_answers_.size() < unknown_answers_.capacity()) {
        unknown_answers_.push_back(answer);
    }
}

const ConfirmationResult& ConfirmationWatch::result() const {
    result_ = detector_.result(); // into the room made for its reason
    if (!result_.confirmed) {
        for (const IndicatorAnswer& unknown : unknown_answers_) {
            append(result_.reason, "; ");
            append_unknown_answer(result_.reason, unknown, decoder_->flashes());
        }
    }
    return result_;
}

} // namespace fobrig
