// The backend on libgpiod 2 (Debian 13, bookworm-backports): one request per chip holding its
// outputs and inputs, each line with its own polarity; debounce and stamps by the kernel.
#include "rig/gpiod/event_poller.hpp"
#include "rig/gpiod/gpiod_backend.hpp"

#include <gpiod.hpp>

#include <map>
#include <stdexcept>
#include <string>

namespace fobrig {
namespace {

ChipInfo describe_chip(const std::string& path) {
    const gpiod::chip chip(path);
    const gpiod::chip_info info = chip.get_info();
    return {
        .path = path, .label = info.label(), .num_lines = static_cast<unsigned>(info.num_lines())};
}

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
    BackendV2(const Rig& rig, const GpiodOptions& options) : poller_(options.wake_fd) {
        const std::vector<ChipPlan> plans = plan_lines(rig, list_chips(describe_chip));
        for (const ChipPlan& plan : plans) {
            check_free(plan);
        }
        // Nothing is requested until every line is known to be free.
        outputs_.resize(rig.outputs.size());
        for (const ChipPlan& plan : plans) {
            request(plan, options.consumer);
        }
    }

    ~BackendV2() override { release_all(); }

    void drive(std::span<const OutputLevel> levels) override {
        std::map<std::size_t, gpiod::line::value_mappings> by_request;
        for (const OutputLevel& level : levels) {
            const Output& output = outputs_.at(level.channel);
            by_request[output.request].emplace_back(output.offset, fobrig::level(level.active));
        }
        // One ioctl per chip: the lines of a chord on one chip change together.
        for (auto& [request, values] : by_request) {
            requests_[request].set_values(values);
        }
    }

    void release_all() noexcept override {
        for (const Output& output : outputs_) {
            try {
                requests_[output.request].set_value(output.offset, gpiod::line::value::INACTIVE);
            } catch (...) {
                // Nothing better to do on an exit path; closing the request releases the line.
            }
        }
    }

    // Polls at least once, so that a deadline already past collects what the fds hold.
    std::vector<InputEdge> wait(Instant deadline) override {
        for (;;) {
            const EventPoller::Ready ready = poller_.wait(deadline);
            std::vector<InputEdge> edges;
            for (const std::uint64_t key : ready.keys) {
                requests_[key].read_edge_events(buffer_);
                for (const gpiod::edge_event& event : buffer_) {
                    edges.push_back(
                        {.input = inputs_.at({key, event.line_offset()}),
                         .active = event.type() == gpiod::edge_event::event_type::RISING_EDGE,
                         .at =
                             Instant{Duration(static_cast<std::uint64_t>(event.timestamp_ns()))}});
                }
            }
            if (!edges.empty() || ready.woken || monotonic_now() >= deadline) {
                return edges;
            }
        }
    }

    int event_fd() const override { return poller_.fd(); }
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
    };

    static void check_free(const ChipPlan& plan) {
        const gpiod::chip chip(plan.path);
        for (const auto* lines : {&plan.outputs, &plan.inputs}) {
            for (const PlannedLine& planned : *lines) {
                const gpiod::line_info info = chip.get_line_info(planned.offset);
                if (info.used()) {
                    throw line_busy(planned, info.consumer());
                }
            }
        }
    }

    void request(const ChipPlan& plan, const std::string& consumer) {
        gpiod::chip chip(plan.path);
        auto builder = chip.prepare_request();
        builder.set_consumer(consumer);
        for (const PlannedLine& line : plan.outputs) {
            builder.add_line_settings(line.offset,
                                      gpiod::line_settings()
                                          .set_direction(gpiod::line::direction::OUTPUT)
                                          .set_active_low(line.active_low)
                                          .set_output_value(gpiod::line::value::INACTIVE));
            outputs_[line.index] = {requests_.size(), line.offset};
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
        if (!plan.inputs.empty()) {
            poller_.watch(requests_.back().fd(), requests_.size() - 1);
        }
    }

    std::vector<gpiod::line_request> requests_; // one per chip; destroying one releases its lines
    std::vector<Output> outputs_;               // by channel
    std::map<std::pair<std::size_t, unsigned>, std::size_t>
        inputs_; // the rig's input index by request, offset
    gpiod::edge_event_buffer buffer_;
    EventPoller poller_;
};

} // namespace

std::unique_ptr<GpiodBackend> open_gpiod_backend(const Rig& rig, const GpiodOptions& options) {
    return std::make_unique<BackendV2>(rig, options);
}

} // namespace fobrig
