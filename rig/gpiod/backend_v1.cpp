// The backend on libgpiod 1.6 (Debian 12): one output request per chip, one event request
// per input line (the v1 kernel API has no multi-line events), debounce in the rig.
#include "rig/gpiod/chip_query.hpp"
#include "rig/gpiod/event_poller.hpp"
#include "rig/gpiod/gpiod_backend.hpp"
#include "rig/gpiod/soft_debounce.hpp"

#include <gpiod.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <bitset>
#include <cerrno>
#include <chrono>
#include <stdexcept>
#include <string>
#include <system_error>

namespace fobrig {
namespace {

// An input's request flags: its polarity and its bias, none for as-is, so that the kernel
// leaves the pin's bias alone.
std::bitset<32> input_flags(const PlannedLine& line) {
    std::bitset<32> flags;
    if (line.active_low) {
        flags |= gpiod::line_request::FLAG_ACTIVE_LOW;
    }
    switch (line.bias) {
    case Bias::disabled:
        return flags | gpiod::line_request::FLAG_BIAS_DISABLE;
    case Bias::pull_up:
        return flags | gpiod::line_request::FLAG_BIAS_PULL_UP;
    case Bias::pull_down:
        return flags | gpiod::line_request::FLAG_BIAS_PULL_DOWN;
    case Bias::as_is:
        break;
    }
    return flags;
}

class BackendV1 final : public GpiodBackend {
public:
    BackendV1(const Rig& rig, const GpiodOptions& options)
        : poller_(options.wake_fd, options.wake_armed) {
        const std::vector<ChipPlan> plans = plan_lines(rig, list_chips(describe_gpiochip));
        channels_.resize(rig.output_lines());
        for (const ChipPlan& plan : plans) {
            chips_.emplace_back(plan.path, gpiod::chip::OPEN_BY_PATH);
            check_free(plan);
        }
        // Nothing is requested until every line is known to be free.
        for (std::size_t i = 0; i < plans.size(); ++i) {
            request_outputs(chips_[i], plans[i], options.consumer);
            request_inputs(chips_[i], plans[i], options.consumer);
        }
        edges_.reserve(inputs_.size() * (batch_.size() + 1));
    }

    ~BackendV1() override { open_all(); }

    void drive(std::span<const OutputLevel> levels) override {
        if (tripped_.load()) {
            open_every_bank();
            return;
        }
        for (const OutputLevel& level : levels) {
            const auto& [bank, position] = channels_.at(level.channel);
            banks_[bank].values[position] = level.active != banks_[bank].lines[position].active_low;
        }
        // One ioctl per chip: the lines of a chord on one chip change together.
        for (Bank& bank : banks_) {
            bank.request.set_values(bank.values);
        }
        if (tripped_.load()) {
            open_every_bank(); // the guard opened them while these lines changed
        }
    }

    void trip() noexcept override {
        tripped_.store(true);
        open_every_bank();
    }
    void rearm() noexcept override { tripped_.store(false); }

    void open_all() noexcept override {
        for (Bank& bank : banks_) {
            for (std::size_t i = 0; i < bank.values.size(); ++i) {
                bank.values[i] = bank.lines[i].active_low;
            }
            try {
                bank.request.set_values(bank.values);
            } catch (...) {
                // Nothing better to do on an exit path; closing the chip releases the line.
            }
        }
    }

    // From any thread: each bank's own inactive buffer, never written after the request.
    void open_every_bank() noexcept {
        for (const Bank& bank : banks_) {
            try {
                bank.request.set_values(bank.inactive);
            } catch (...) {
                // Nothing better to do on a guard's path; closing the chip releases the line.
            }
        }
    }

    // Polls at least once, so that a deadline already past collects what the fd holds. Reads
    // into kept buffers with the C API (the C++ binding's read returns a new vector each time):
    // waiting allocates nothing.
    std::span<const InputEdge> wait(Instant deadline) override {
        for (;;) {
            const std::optional<Instant> settling = settling_until();
            const EventPoller::Ready ready =
                poller_.wait(settling ? std::min(*settling, deadline) : deadline);
            edges_.clear();
            for (const std::uint64_t key : ready.keys()) {
                read_events(key);
            }
            const Instant now = monotonic_now();
            append_settled(now);
            std::ranges::sort(edges_, {}, &InputEdge::at);
            if (!edges_.empty() || ready.woken || now >= deadline) {
                return edges_;
            }
        }
    }

    int event_fd() const override { return poller_.fd(); }
    void arm_wake(bool armed) override { poller_.arm_wake(armed); }

    std::optional<Instant> settling_until() const override {
        std::optional<Instant> first;
        for (const Input& input : inputs_) {
            if (const auto at = input.debounce.settles_at(); at && (!first || *at < *first)) {
                first = at;
            }
        }
        return first;
    }

    bool read_input(std::size_t input) override {
        const auto found = std::ranges::find(input_index_, input);
        if (found == input_index_.end()) {
            throw std::out_of_range("the rig has no input " + std::to_string(input));
        }
        return inputs_[static_cast<std::size_t>(found - input_index_.begin())].line.get_value() !=
               0;
    }

    bool read_output(std::size_t channel) override {
        const auto& [bank, position] = channels_.at(channel);
        const std::vector<int> values = banks_[bank].request.get_values();
        return (values.at(position) != 0) != banks_[bank].lines[position].active_low;
    }

private:
    // The output lines of one chip, requested together, as physical levels: v1 applies
    // active-low to a whole request, and a relay HAT may mix polarities on one chip.
    struct Bank {
        gpiod::line_bulk request;
        std::vector<PlannedLine> lines;
        std::vector<int> values;
        std::vector<int> inactive;
    };
    struct Input {
        gpiod::line line;
        SoftDebounce debounce;
        bool debounced = true;
    };

    void request_outputs(const gpiod::chip& chip, const ChipPlan& plan,
                         const std::string& consumer) {
        if (plan.outputs.empty()) {
            return;
        }
        Bank bank{.lines = plan.outputs};
        std::vector<unsigned> offsets;
        for (const PlannedLine& line : plan.outputs) {
            channels_[line.index] = {banks_.size(), offsets.size()};
            offsets.push_back(line.offset);
            bank.values.push_back(line.active_low); // inactive
        }
        bank.inactive = bank.values;
        bank.request = chip.get_lines(offsets);
        try {
            bank.request.request({consumer, gpiod::line_request::DIRECTION_OUTPUT, 0}, bank.values);
        } catch (const std::system_error& e) {
            request_refused(plan.outputs, e);
        }
        banks_.push_back(std::move(bank));
    }

    void request_inputs(const gpiod::chip& chip, const ChipPlan& plan,
                        const std::string& consumer) {
        for (const PlannedLine& planned : plan.inputs) {
            gpiod::line line = chip.get_line(planned.offset);
            try {
                line.request(
                    {consumer, gpiod::line_request::EVENT_BOTH_EDGES, input_flags(planned)});
            } catch (const std::system_error& e) {
                request_refused({planned}, e);
            }
            poller_.watch(line.event_get_fd(), inputs_.size());
            inputs_.push_back({line, SoftDebounce(planned.debounce, line.get_value() != 0),
                               planned.debounce > Duration::zero()});
            input_index_.push_back(planned.index);
        }
    }

    // Up to one batch of the input's events: a longer burst stays in the kernel's buffer and
    // its fd readable, for the next wait.
    void read_events(std::uint64_t key) {
        Input& input = inputs_[key];
        const int n = gpiod_line_event_read_fd_multiple(input.line.event_get_fd(), batch_.data(),
                                                        static_cast<unsigned>(batch_.size()));
        if (n < 0) {
            throw std::system_error(errno, std::generic_category(), "reading GPIO line events");
        }
        for (const gpiod_line_event& event : std::span(batch_).first(static_cast<std::size_t>(n))) {
            const bool level = event.event_type == GPIOD_LINE_EVENT_RISING_EDGE;
            const Instant at{std::chrono::seconds(event.ts.tv_sec) +
                             std::chrono::nanoseconds(event.ts.tv_nsec)};
            // Undebounced lines (read-back contacts) report every edge, so that a bounce read
            // in one batch is not folded into its last edge.
            if (input.debounced) {
                input.debounce.edge(level, at);
            } else {
                edges_.push_back({.input = input_index_[key], .active = level, .at = at});
            }
        }
    }

    void append_settled(Instant now) {
        for (std::size_t i = 0; i < inputs_.size(); ++i) {
            if (const auto change = inputs_[i].debounce.settle(now)) {
                edges_.push_back(
                    {.input = input_index_[i], .active = change->first, .at = change->second});
            }
        }
    }

    // Declared first so that they close last: closing a chip releases its lines.
    std::vector<gpiod::chip> chips_;
    std::vector<Bank> banks_;
    std::vector<std::pair<std::size_t, std::size_t>> channels_; // bank, position by channel
    std::vector<Input> inputs_;
    std::vector<std::size_t> input_index_; // the rig's input index of each input
    EventPoller poller_;
    std::atomic<bool> tripped_{false};
    std::array<gpiod_line_event, 16> batch_{};
    // What wait() returns, reserved for a full batch of every input and a settled edge each.
    std::vector<InputEdge> edges_;
};

} // namespace

std::unique_ptr<GpiodBackend> open_gpiod_backend(const Rig& rig, const GpiodOptions& options) {
    return std::make_unique<BackendV1>(rig, options);
}

} // namespace fobrig
