// Test doubles for the core: a virtual clock, a backend whose car answers are scripted,
// and an operator who acknowledges after a fixed delay.
#pragma once

#include "rig/core/backend.hpp"
#include "rig/core/clock.hpp"
#include "rig/core/operator_console.hpp"
#include "rig/core/rig_wiring.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <stdexcept>
#include <vector>

namespace fobrig::testing {

class ManualClock : public Clock {
public:
    Instant now() override { return now_; }
    void sleep_until(Instant deadline) override { now_ = std::max(now_, deadline); }

private:
    Instant now_{seconds(100)};
};

// A virtual clock whose thread stalls once: the first sleep to `at` or later ends `length` late,
// as a real-time thread held off its CPU would.
class StallingClock : public ManualClock {
public:
    void stall_once(Instant at, Duration length) {
        stall_at_ = at;
        stall_ = length;
    }
    void sleep_until(Instant deadline) override {
        ManualClock::sleep_until(deadline);
        if (stall_at_ && deadline >= *stall_at_) {
            stall_at_.reset();
            ManualClock::sleep_until(now() + stall_);
        }
    }

private:
    std::optional<Instant> stall_at_;
    Duration stall_{};
};

struct Drive {
    Instant at;
    std::vector<OutputLevel> levels;
};

class ScriptedBackend : public Backend {
public:
    // Called after every drive, so a test can script the car's answer to it.
    using Responder = std::function<void(ScriptedBackend&, const Drive&)>;

    explicit ScriptedBackend(ManualClock& clock) : clock_(clock) {}

    void drive(std::span<const OutputLevel> levels) override {
        if (drives_before_failure_ && drives.size() == *drives_before_failure_) {
            throw std::runtime_error("relay board stopped answering");
        }
        drives.push_back({clock_.now(), {levels.begin(), levels.end()}});
        if (responder) {
            responder(*this, drives.back());
        }
    }
    void open_all() noexcept override { ++openings; }
    std::span<const InputEdge> wait(Instant deadline) override {
        waits.push_back(deadline);
        std::sort(pending_.begin(), pending_.end(),
                  [](const InputEdge& a, const InputEdge& b) { return a.at < b.at; });
        if (!pending_.empty() && pending_.front().at <= deadline) {
            clock_.sleep_until(pending_.front().at);
        } else {
            clock_.sleep_until(deadline);
        }
        due_.clear();
        while (!pending_.empty() && pending_.front().at <= clock_.now()) {
            due_.push_back(pending_.front());
            pending_.erase(pending_.begin());
        }
        return due_;
    }

    void car_signal(std::size_t input, Instant from, Duration length) {
        pending_.push_back({input, true, from});
        pending_.push_back({input, false, from + length});
    }
    // One edge of an input: the operator's hand on the key, say.
    void input_edge(std::size_t input, bool active, Instant at) {
        pending_.push_back({input, active, at});
    }
    void fail_after(std::size_t drives_count) { drives_before_failure_ = drives_count; }

    std::vector<Drive> drives;
    std::vector<Instant> waits; // every deadline the engine waited for
    int openings = 0;
    Responder responder;

private:
    ManualClock& clock_;
    std::vector<InputEdge> pending_;
    std::vector<InputEdge> due_; // what the last wait returned
    std::optional<std::size_t> drives_before_failure_;
};

class PromptOperator : public OperatorConsole {
public:
    PromptOperator(Clock& clock, Duration delay) : clock_(clock), delay_(delay) {}
    void prompt(const OperatorPrompt& prompt) override {
        prompts.push_back(prompt);
        ack_at_ = clock_.now() + delay_;
    }
    std::optional<Instant> acknowledged() override {
        if (ack_at_ && clock_.now() >= *ack_at_) {
            return ack_at_;
        }
        return std::nullopt;
    }

    std::vector<OperatorPrompt> prompts;

private:
    Clock& clock_;
    Duration delay_;
    std::optional<Instant> ack_at_;
};

// One slot with lock and unlock on relays, and lock/unlock sense inputs.
inline Rig one_slot_rig(Duration max_hold = seconds(8)) {
    Rig rig{.name = "scripted", .backend = "sim", .slots = {1}};
    rig.outputs.push_back({.slot = 1, .button = "lock", .line = {"x", 0}, .max_hold = max_hold});
    rig.outputs.push_back({.slot = 1, .button = "unlock", .line = {"x", 1}, .max_hold = max_hold});
    rig.senses.push_back({.role = "lock", .line = {"x", 8}});
    rig.senses.push_back({.role = "unlock", .line = {"x", 9}});
    return rig;
}

// The same rig with switching latencies on its outputs (lock, unlock).
inline Rig one_slot_rig_with_latencies(Duration lock_operate, Duration lock_release,
                                       Duration unlock_operate, Duration unlock_release) {
    Rig rig = one_slot_rig();
    rig.outputs[0].operate_latency = lock_operate;
    rig.outputs[0].release_latency = lock_release;
    rig.outputs[1].operate_latency = unlock_operate;
    rig.outputs[1].release_latency = unlock_release;
    return rig;
}

} // namespace fobrig::testing
