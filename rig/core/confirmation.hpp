// Watches the car's sense inputs for the expected answer (e.g. lock, then unlock) in a window.
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
};

class ConfirmationDetector {
public:
    // `inputs` are the rig's sense indices in the expected order, `names` their roles;
    // the window opens at `from`, the instant of the action named `after`.
    ConfirmationDetector(std::vector<std::size_t> inputs, std::vector<std::string> names,
                         Instant from, Duration within, std::string after = "release");

    void feed(const InputEdge& edge);
    bool complete() const { return next_ == inputs_.size(); }
    Instant opened() const { return from_; }
    Instant deadline() const { return from_ + within_; }
    ConfirmationResult result() const;

private:
    std::string pattern_text() const;

    std::vector<std::size_t> inputs_;
    std::vector<std::string> names_;
    Instant from_;
    Duration within_;
    std::string after_;
    std::size_t next_ = 0;
    std::optional<Instant> completed_at_;
    std::vector<std::string> out_of_order_;
};

} // namespace fobrig
