// The backend on libgpiod 2 (Debian 13, bookworm-backports): one request per chip holding its
// outputs and inputs, each line with its own polarity; debounce and stamps by the kernel.
#include "rig/gpiod/chip_query.hpp"
#include "rig/gpiod/event_poller.hpp"
#include "rig/gpiod/gpiod_backend.hpp"

#include <gpiod.hpp>
#include <linux/gpio.h>
#include <sys/ioctl.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>

namespace fobrig {
namespace {

gpiod::line::value level(bool active) {
    return active ? gpiod::line::value::ACTIVE : gpiod::line::value::INACTIVE;
}

gpiod::line::bias line_bias(Bias bias) {
    switch (bias) {
    case Bias::disabled:
        return gpiod::line::bias::DISABLED;
    case Bias::pull_up:
        return gpiod::line::bias::PULL_UP;
    case Bias::pull_down:
        return gpiod::line::bias::PULL_DOWN;
    case Bias::as_is:
        break;
    }
    return gpiod::line::bias::AS_IS;
}

class BackendV2 final : public GpiodBackend {
public:
    BackendV2(const Rig& rig, const GpiodOptions& options)
        : poller_(options.wake_fd, options.wake_armed) {
        const std::vector<ChipPlan> plans = plan_lines(rig, list_chips(describe_gpiochip));
        for (const ChipPlan& plan : plans) {
            check_free(plan);
        }
        // Nothing is requested until every line is known to be free.
        outputs_.resize(rig.output_lines());
        for (const ChipPlan& plan : plans) {
            request(plan, options.consumer);
        }
        edges_.reserve(requests_.size() * buffer_.capacity());
    }

    ~BackendV2() override { open_all(); }

    // Each chip's outputs change in one call, from buffers kept since the request: nothing is
    // allocated per edge.
    void drive(std::span<const OutputLevel> levels) override {
        if (tripped_.load()) {
            open_all();
            return;
        }
        for (const OutputLevel& level : levels) {
            const Output& output = outputs_.at(level.channel);
            Bank& bank = banks_[output.request];
            bank.values[output.position] = fobrig::level(level.active);
            bank.changed = true;
        }
        for (std::size_t i = 0; i < banks_.size(); ++i) {
            if (banks_[i].changed) {
                banks_[i].changed = false;
                requests_[i].set_values(banks_[i].offsets, banks_[i].values);
            }
        }
        if (tripped_.load()) {
            open_all(); // the guard opened them while these lines changed
        }
    }

    // One ioctl per request on its own descriptor, with nothing of the request's objects
    // written: safe from any thread at any moment (the guard's trip()).
    void open_all() noexcept override {
        open_every_request();
        for (Bank& bank : banks_) {
            std::ranges::fill(bank.values, gpiod::line::value::INACTIVE);
        }
    }

    // One ioctl per request on its own descriptor (the kernel applies each line's polarity),
    // writing nothing of ours or of libgpiod's: safe from any thread at any moment.
    void open_every_request() noexcept {
        for (std::size_t i = 0; i < banks_.size(); ++i) {
            if (banks_[i].mask != 0) {
                gpio_v2_line_values inactive{.bits = 0, .mask = banks_[i].mask};
                ::ioctl(requests_[i].fd(), GPIO_V2_LINE_SET_VALUES_IOCTL, &inactive);
            }
        }
    }

    void trip() noexcept override {
        tripped_.store(true);
        open_every_request();
    }
    void rearm() noexcept override { tripped_.store(false); }

    // Polls at least once, so that a deadline already past collects what the fds hold. The
    // events land in the buffer kept since the request (its events are made once, with it) and
    // the edges in a list reserved for a full buffer of every request: waiting allocates nothing.
    std::span<const InputEdge> wait(Instant deadline) override {
        for (;;) {
            const EventPoller::Ready ready = poller_.wait(deadline);
            edges_.clear();
            for (const std::uint64_t key : ready.keys()) {
                requests_[key].read_edge_events(buffer_);
                for (const gpiod::edge_event& event : buffer_) {
                    edges_.push_back(
                        {.input = inputs_.at({key, event.line_offset()}),
                         .active = event.type() == gpiod::edge_event::event_type::RISING_EDGE,
                         .at =
                             Instant{Duration(static_cast<std::uint64_t>(event.timestamp_ns()))}});
                }
            }
            std::ranges::sort(edges_, {}, &InputEdge::at); // several chips' requests interleave
            if (!edges_.empty() || ready.woken || monotonic_now() >= deadline) {
                return edges_;
            }
        }
    }

    int event_fd() const override { return poller_.fd(); }
    void arm_wake(bool armed) override { poller_.arm_wake(armed); }
    std::optional<Instant> settling_until() const override { return std::nullopt; }

    bool read_input(std::size_t input) override {
        for (const auto& [line, index] : inputs_) {
            if (index == input) {
                return requests_[line.first].get_value(line.second) == gpiod::line::value::ACTIVE;
            }
        }
        throw std::out_of_range("the rig has no input " + std::to_string(input));
    }

    bool read_output(std::size_t channel) override {
        const Output& output = outputs_.at(channel);
        return requests_[output.request].get_value(output.offset) == gpiod::line::value::ACTIVE;
    }

private:
    struct Output {
        std::size_t request = 0;
        unsigned offset = 0;
        std::size_t position = 0; // in its bank
    };
    // A request's outputs: the levels last commanded, and their bits in the request's order.
    struct Bank {
        gpiod::line::offsets offsets;
        gpiod::line::values values;
        std::uint64_t mask = 0;
        bool changed = false;
    };

    void request(const ChipPlan& plan, const std::string& consumer) {
        gpiod::chip chip(plan.path);
        auto builder = chip.prepare_request();
        builder.set_consumer(consumer);
        Bank bank;
        for (const PlannedLine& line : plan.outputs) {
            builder.add_line_settings(line.offset,
                                      gpiod::line_settings()
                                          .set_direction(gpiod::line::direction::OUTPUT)
                                          .set_active_low(line.active_low)
                                          .set_output_value(gpiod::line::value::INACTIVE));
            outputs_[line.index] = {requests_.size(), line.offset, bank.offsets.size()};
            bank.offsets.push_back(line.offset);
            bank.values.push_back(gpiod::line::value::INACTIVE);
        }
        for (const PlannedLine& line : plan.inputs) {
            builder.add_line_settings(
                line.offset,
                gpiod::line_settings()
                    .set_direction(gpiod::line::direction::INPUT)
                    .set_active_low(line.active_low)
                    .set_bias(line_bias(line.bias))
                    .set_edge_detection(gpiod::line::edge::BOTH)
                    .set_event_clock(gpiod::line::clock::MONOTONIC)
                    .set_debounce_period(std::chrono::duration_cast<microseconds>(line.debounce)));
            inputs_[{requests_.size(), line.offset}] = line.index;
        }
        try {
            requests_.push_back(builder.do_request());
        } catch (const std::system_error& e) {
            std::vector<PlannedLine> lines = plan.outputs;
            lines.insert(lines.end(), plan.inputs.begin(), plan.inputs.end());
            request_refused(lines, e);
        }
        // The kernel's bits follow the request's own order of lines.
        const gpiod::line::offsets order = requests_.back().offsets();
        for (const gpiod::line::offset offset : bank.offsets) {
            const auto at = std::find(order.begin(), order.end(), offset);
            bank.mask |= std::uint64_t{1} << static_cast<unsigned>(at - order.begin());
        }
        banks_.push_back(std::move(bank));
        if (!plan.inputs.empty()) {
            poller_.watch(requests_.back().fd(), requests_.size() - 1);
        }
    }

    std::vector<gpiod::line_request> requests_; // one per chip; destroying one releases its lines
    std::vector<Output> outputs_;               // by channel
    std::vector<Bank> banks_;                   // by request
    std::map<std::pair<std::size_t, unsigned>, std::size_t>
        inputs_; // the rig's input index by request, offset
    gpiod::edge_event_buffer buffer_;
    std::vector<InputEdge> edges_; // what wait() returns
    EventPoller poller_;
    std::atomic<bool> tripped_{false};
};

} // namespace

std::unique_ptr<GpiodBackend> open_gpiod_backend(const Rig& rig, const GpiodOptions& options) {
    return std::make_unique<BackendV2>(rig, options);
}

} // namespace fobrig
