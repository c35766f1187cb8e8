// Matches the car's answer (e.g. lock, then unlock; three chimes) against the sense edges of a
// window: a pattern seen at least once, or an exact count told apart from the car's failure
// patterns ("once = success, twice = failure"). Pure: fed edges, asked for a result.
#pragma once

#include "rig/core/backend.hpp"

#include <optional>
#include <string>
#include <vector>

namespace fobrig {

struct ConfirmationResult {
    bool confirmed = false;
    std::optional<Duration> latency; // from the window's start to the pattern's last edge
    std::string reason;              // why not, in a mechanic's words
    // The car answered with one of its failure patterns: it heard the fob and said no (a
    // verify step does not press again for that).
    bool failure_pattern = false;
};

// One pattern as the detector matches it: the rig's inputs in the pattern's order and their
// roles, repeated `times` times exactly; 0: at least once, and what follows is not judged.
struct AnswerShape {
    std::vector<std::size_t> inputs;
    std::vector<std::string> roles;
    int times = 0;
    std::string means; // a failure pattern's meaning, in the procedure's words
};

class ConfirmationDetector {
public:
    // `inputs` are the rig's sense indices in the expected order, `names` their roles;
    // the window opens at `from`, the instant of the action named `after`.
    ConfirmationDetector(std::vector<std::size_t> inputs, std::vector<std::string> names,
                         Instant from, Duration within, std::string after = "release");
    // With an exact count or failure patterns, every edge of their roles in the window is the
    // answer, judged once the window has closed.
    ConfirmationDetector(AnswerShape success, std::vector<AnswerShape> failures, Instant from,
                         Duration within, std::string after);

    // Allocates nothing.
    void feed(const InputEdge& edge);
    // Watches again, for a window opening at `from`, forgetting what was seen; allocates
    // nothing, so that a detector made before a run serves each of its presses.
    void restart(Instant from);
    // Done before the window closes: only a pattern seen at least once can be.
    bool complete() const { return !exact() && next_ == success_.inputs.size(); }
    Instant opened() const { return from_; }
    Instant deadline() const { return from_ + within_; }
    // The answer so far, kept here: asking allocates nothing while its reason fits the room made
    // for it (text_append.hpp). Valid until the next call.
    const ConfirmationResult& result() const;

private:
    struct Seen {
        std::size_t input = 0;
        Instant at{};
    };
    bool exact() const { return success_.times > 0 || !failures_.empty(); }
    bool counts(std::size_t input) const;
    // Whether what was seen is `inputs` repeated `times` times exactly.
    bool matches(const std::vector<std::size_t>& inputs, int times) const;
    std::string_view role_of(std::size_t input) const;
    void append_seen(std::string& text) const;
    void at_least_once_result() const;
    void exact_result() const;

    AnswerShape success_;
    std::vector<AnswerShape> failures_;
    Instant from_;
    Duration within_;
    std::string after_;
    // The reasons' words that do not change from window to window, made with the detector.
    std::string noun_;                       // "lock-unlock cycle"
    std::string nouns_;                      // "lock-unlock cycles"
    std::string wanted_;                     // "3 chimes"
    std::string window_;                     // " within 3 s after release"
    std::vector<std::string> failure_texts_; // each failure pattern's reason, whole
    mutable ConfirmationResult result_;
    std::size_t next_ = 0; // of the success pattern, seen in order so far
    std::optional<Instant> completed_at_;
    // Every edge of the answer's roles in the window, up to the capacity reserved at the start:
    // one more than the longest pattern, so that an answer too long is still told.
    std::vector<Seen> seen_;
    std::size_t unseen_ = 0; // edges past that capacity
};

// How a pattern's repetitions are named: "2 chimes", "1 lock-unlock cycle".
std::string answer_count_text(const std::vector<std::string>& roles, int times);

} // namespace fobrig
