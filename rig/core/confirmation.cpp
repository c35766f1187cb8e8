#include "rig/core/confirmation.hpp"

#include "rig/core/text_append.hpp"

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

namespace {

std::string window_words(Duration within, const std::string& after) {
    return " within " + duration_text(within) + " after " + after;
}

} // namespace

ConfirmationDetector::ConfirmationDetector(std::vector<std::size_t> inputs,
                                           std::vector<std::string> names, Instant from,
                                           Duration within, std::string after)
    : ConfirmationDetector(AnswerShape{.inputs = std::move(inputs), .roles = std::move(names)}, {},
                           from, within, std::move(after)) {}

ConfirmationDetector::ConfirmationDetector(AnswerShape success, std::vector<AnswerShape> failures,
                                           Instant from, Duration within, std::string after)
    : success_(std::move(success)), failures_(std::move(failures)), from_(from), within_(within),
      after_(std::move(after)), noun_(pattern_noun(success_.roles)), nouns_(plural(noun_)),
      wanted_(answer_count_text(success_.roles, success_.times)),
      window_(window_words(within_, after_)) {
    for (const AnswerShape& failure : failures_) {
        failure_texts_.push_back("the car answered with the failure pattern, " +
                                 answer_count_text(failure.roles, failure.times) + window_ +
                                 (failure.means.empty() ? "" : ": " + failure.means) +
                                 " (success is " + wanted_ + ")");
    }
    result_.reason.reserve(text_capacity);
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

bool ConfirmationDetector::matches(const std::vector<std::size_t>& inputs, int times) const {
    const std::size_t length = inputs.size() * static_cast<std::size_t>(times);
    if (unseen_ > 0 || seen_.size() != length) {
        return false;
    }
    for (std::size_t i = 0; i < length; ++i) {
        if (seen_[i].input != inputs[i % inputs.size()]) {
            return false;
        }
    }
    return true;
}

std::string_view ConfirmationDetector::role_of(std::size_t input) const {
    const auto role_in = [&](const AnswerShape& shape) -> std::string_view {
        const auto it = std::ranges::find(shape.inputs, input);
        return it == shape.inputs.end()
                   ? std::string_view()
                   : shape.roles[static_cast<std::size_t>(it - shape.inputs.begin())];
    };
    std::string_view role = role_in(success_);
    for (auto it = failures_.begin(); role.empty() && it != failures_.end(); ++it) {
        role = role_in(*it);
    }
    return role;
}

void ConfirmationDetector::append_seen(std::string& text) const {
    for (std::size_t i = 0; i < seen_.size(); ++i) {
        append(text, i == 0 ? "" : ", ", role_of(seen_[i].input));
    }
    if (unseen_ > 0) {
        append(text, " and ", std::to_string(unseen_), " more");
    }
}

void ConfirmationDetector::at_least_once_result() const {
    if (complete()) {
        result_.confirmed = true;
        result_.latency = *completed_at_ - from_;
        return;
    }
    std::string& reason = result_.reason;
    if (seen_.empty()) {
        append(reason, "no ", noun_, window_);
        return;
    }
    append(reason, "expected a ", noun_, window_, ", the car signalled only ");
    // The edges that moved the pattern on, then those out of its order.
    bool in_order = false;
    std::size_t next = 0;
    for (const Seen& seen : seen_) {
        if (seen.input == success_.inputs[next]) {
            append(reason, in_order ? ", then " : "", success_.roles[next++]);
            in_order = true;
        }
    }
    bool listed = in_order;
    next = 0;
    for (const Seen& seen : seen_) {
        if (seen.input == success_.inputs[next]) {
            ++next;
        } else {
            append(reason, listed ? ", " : "", role_of(seen.input), " out of order");
            listed = true;
        }
    }
}

void ConfirmationDetector::exact_result() const {
    if (matches(success_.inputs, success_.times)) {
        result_.confirmed = true;
        result_.latency = seen_.back().at - from_;
        return;
    }
    std::string& reason = result_.reason;
    for (std::size_t i = 0; i < failures_.size(); ++i) {
        if (matches(failures_[i].inputs, failures_[i].times)) {
            append(reason, failure_texts_[i]);
            result_.failure_pattern = true;
            return;
        }
    }
    if (seen_.empty()) {
        append(reason, "no ", noun_, window_);
        if (success_.times > 1) {
            append(reason, ", where the procedure wants ", wanted_);
        }
        return;
    }
    // The success pattern, whole, a number of times other than wanted.
    if (unseen_ == 0 && seen_.size() % success_.inputs.size() == 0) {
        const int times = static_cast<int>(seen_.size() / success_.inputs.size());
        if (matches(success_.inputs, times)) {
            append(reason, std::to_string(times), " ", times == 1 ? noun_ : nouns_, window_,
                   " where the procedure wants ", std::to_string(success_.times));
            return;
        }
    }
    append(reason, "expected ", wanted_, window_, ", the car signalled ");
    append_seen(reason);
}

const ConfirmationResult& ConfirmationDetector::result() const {
    result_.confirmed = false;
    result_.latency.reset();
    result_.reason.clear();
    result_.failure_pattern = false;
    if (exact()) {
        exact_result();
    } else {
        at_least_once_result();
    }
    return result_;
}

} // namespace fobrig
