#include "rig/core/confirmation.hpp"

#include <algorithm>
#include <string_view>
#include <utility>

namespace fobrig {
namespace {

// What one pattern is called: a role's own word, or a cycle of several.
std::string pattern_noun(const std::vector<std::string>& roles) {
    if (roles.size() > 1) {
        std::string text;
        for (const auto& role : roles) {
            text += (text.empty() ? "" : "-") + role;
        }
        return text + " cycle";
    }
    // The answers that are no signal of a motor, by their own word.
    constexpr std::pair<std::string_view, std::string_view> sounds_and_flashes[] = {
        {"chime", "chime"}, {"horn", "horn sound"}, {"indicator", "indicator flash"}};
    const std::string role = roles.empty() ? std::string() : roles.front();
    for (const auto& [name, noun] : sounds_and_flashes) {
        if (role == name) {
            return std::string(noun);
        }
    }
    return role + " signal";
}

std::string plural(const std::string& noun) {
    return noun + (noun.ends_with("sh") ? "es" : "s");
}

// Edges the legacy text lists after the pattern's own, so that an odd answer is still told.
constexpr std::size_t extra_seen = 8;

} // namespace

std::string answer_count_text(const std::vector<std::string>& roles, int times) {
    const std::string noun = pattern_noun(roles);
    return std::to_string(times) + " " + (times == 1 ? noun : plural(noun));
}

ConfirmationDetector::ConfirmationDetector(std::vector<std::size_t> inputs,
                                           std::vector<std::string> names, Instant from,
                                           Duration within, std::string after)
    : ConfirmationDetector(AnswerShape{.inputs = std::move(inputs), .roles = std::move(names)}, {},
                           from, within, std::move(after)) {}

ConfirmationDetector::ConfirmationDetector(AnswerShape success, std::vector<AnswerShape> failures,
                                           Instant from, Duration within, std::string after)
    : success_(std::move(success)), failures_(std::move(failures)), from_(from), within_(within),
      after_(std::move(after)) {
    std::size_t longest = success_.inputs.size() * static_cast<std::size_t>(success_.times);
    for (const AnswerShape& failure : failures_) {
        longest =
            std::max(longest, failure.inputs.size() * static_cast<std::size_t>(failure.times));
    }
    seen_.reserve(exact() ? longest + 1 : success_.inputs.size() + extra_seen);
}

void ConfirmationDetector::restart(Instant from) {
    from_ = from;
    next_ = 0;
    completed_at_.reset();
    seen_.clear();
    unseen_ = 0;
}

bool ConfirmationDetector::counts(std::size_t input) const {
    if (std::ranges::count(success_.inputs, input) > 0) {
        return true;
    }
    return std::ranges::any_of(failures_, [&](const AnswerShape& failure) {
        return std::ranges::count(failure.inputs, input) > 0;
    });
}

void ConfirmationDetector::feed(const InputEdge& edge) {
    // Only a signal turning active counts; edges outside the window are not the car's answer.
    if (!edge.active || complete() || edge.at < from_ || edge.at > deadline() ||
        !counts(edge.input)) {
        return;
    }
    if (seen_.size() < seen_.capacity()) {
        seen_.push_back({edge.input, edge.at});
    } else {
        ++unseen_;
    }
    if (!exact() && edge.input == success_.inputs[next_]) {
        ++next_;
        if (complete()) {
            completed_at_ = edge.at;
        }
    }
}

bool ConfirmationDetector::matches(const AnswerShape& shape) const {
    const std::size_t length = shape.inputs.size() * static_cast<std::size_t>(shape.times);
    if (unseen_ > 0 || seen_.size() != length) {
        return false;
    }
    for (std::size_t i = 0; i < length; ++i) {
        if (seen_[i].input != shape.inputs[i % shape.inputs.size()]) {
            return false;
        }
    }
    return true;
}

std::string ConfirmationDetector::role_of(std::size_t input) const {
    const auto role_in = [&](const AnswerShape& shape) -> std::string {
        const auto it = std::ranges::find(shape.inputs, input);
        return it == shape.inputs.end()
                   ? std::string()
                   : shape.roles[static_cast<std::size_t>(it - shape.inputs.begin())];
    };
    std::string role = role_in(success_);
    for (auto it = failures_.begin(); role.empty() && it != failures_.end(); ++it) {
        role = role_in(*it);
    }
    return role;
}

std::string ConfirmationDetector::window_text() const {
    return " within " + duration_text(within_) + " after " + after_;
}

std::string ConfirmationDetector::seen_text() const {
    std::string text;
    for (const Seen& seen : seen_) {
        text += (text.empty() ? "" : ", ") + role_of(seen.input);
    }
    if (unseen_ > 0) {
        text += " and " + std::to_string(unseen_) + " more";
    }
    return text;
}

ConfirmationResult ConfirmationDetector::at_least_once_result() const {
    if (complete()) {
        return {.confirmed = true, .latency = *completed_at_ - from_};
    }
    const std::string noun = pattern_noun(success_.roles);
    if (seen_.empty()) {
        return {.reason = "no " + noun + window_text()};
    }
    // The edges that moved the pattern on, then those out of its order.
    std::string in_order;
    std::string out_of_order;
    std::size_t next = 0;
    for (const Seen& seen : seen_) {
        if (seen.input == success_.inputs[next]) {
            in_order += (in_order.empty() ? "" : ", then ") + success_.roles[next++];
        } else {
            out_of_order += ", " + role_of(seen.input) + " out of order";
        }
    }
    const std::string text = in_order.empty() ? out_of_order.substr(2) : in_order + out_of_order;
    return {.reason = "expected a " + noun + window_text() + ", the car signalled only " + text};
}

ConfirmationResult ConfirmationDetector::exact_result() const {
    if (matches(success_)) {
        return {.confirmed = true, .latency = seen_.back().at - from_};
    }
    const std::string wanted = answer_count_text(success_.roles, success_.times);
    for (const AnswerShape& failure : failures_) {
        if (matches(failure)) {
            return {.reason = "the car answered with the failure pattern, " +
                              answer_count_text(failure.roles, failure.times) + window_text() +
                              (failure.means.empty() ? "" : ": " + failure.means) +
                              " (success is " + wanted + ")",
                    .failure_pattern = true};
        }
    }
    if (seen_.empty()) {
        return {.reason = "no " + pattern_noun(success_.roles) + window_text() +
                          (success_.times > 1 ? ", where the procedure wants " + wanted : "")};
    }
    // The success pattern, whole, a number of times other than wanted.
    if (unseen_ == 0 && seen_.size() % success_.inputs.size() == 0) {
        const int times = static_cast<int>(seen_.size() / success_.inputs.size());
        const AnswerShape counted{.inputs = success_.inputs, .times = times};
        if (matches(counted)) {
            return {.reason = answer_count_text(success_.roles, times) + window_text() +
                              " where the procedure wants " + std::to_string(success_.times)};
        }
    }
    return {.reason = "expected " + wanted + window_text() + ", the car signalled " + seen_text()};
}

ConfirmationResult ConfirmationDetector::result() const {
    return exact() ? exact_result() : at_least_once_result();
}

} // namespace fobrig
