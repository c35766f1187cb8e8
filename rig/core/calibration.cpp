// The calibration arithmetic per command and channel, and the presses that feed it.
#include "rig/core/calibration.hpp"

#include "rig/core/enable_wave.hpp"

#include <algorithm>
#include <map>

namespace fobrig {
namespace {

std::optional<Spread> spread_of(std::vector<Duration> values) {
    if (values.empty()) {
        return std::nullopt;
    }
    std::ranges::sort(values);
    const std::size_t middle = values.size() / 2;
    const Duration median =
        values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    return Spread{.min = values.front(), .median = median, .max = values.back()};
}

struct Measurements {
    std::size_t commands = 0;
    std::size_t followed = 0;
    std::vector<Duration> operate;
    std::vector<Duration> release;
    std::vector<Duration> bounce;
};

// Counts one command, and keeps its answer's timings when the contact followed it.
void measure(const ChannelEdge& command, Instant until, std::span<const ChannelEdge> contact,
             Measurements& m) {
    ++m.commands;
    const auto transition = measure_transition(command, until, contact);
    if (!transition) {
        return;
    }
    ++m.followed;
    (command.active ? m.operate : m.release).push_back(transition->delay);
    m.bounce.push_back(transition->bounce);
}

} // namespace

std::vector<ChannelCalibration> calibrate(std::span<const ChannelEdge> commanded,
                                          std::span<const ChannelEdge> contact) {
    std::vector<ChannelEdge> contact_edges(contact.begin(), contact.end());
    std::ranges::stable_sort(contact_edges, {}, &ChannelEdge::at);
    std::map<std::size_t, std::vector<ChannelEdge>> commands;
    for (const ChannelEdge& command : commanded) {
        commands[command.channel].push_back(command);
    }
    std::vector<ChannelCalibration> result;
    for (auto& [channel, list] : commands) {
        std::ranges::stable_sort(list, {}, &ChannelEdge::at);
        Measurements m;
        for (std::size_t i = 0; i < list.size(); ++i) {
            const Instant until = i + 1 < list.size() ? list[i + 1].at : Instant::max();
            measure(list[i], until, contact_edges, m);
        }
        result.push_back({.channel = channel,
                          .commands = m.commands,
                          .followed = m.followed,
                          .operate = spread_of(std::move(m.operate)),
                          .release = spread_of(std::move(m.release)),
                          .bounce = spread_of(std::move(m.bounce))});
    }
    return result;
}

CalibrationEdges press_for_calibration(Backend& backend, Clock& clock, const Rig& rig,
                                       const CalibrationPresses& plan) {
    const OpenAllOnExit opened{backend};
    EnableWave wave(backend, rig); // an interlocked board has power only while it plays
    CalibrationEdges edges;
    const auto listen = [&](Instant until) {
        listen_playing(backend, clock, wave, until, [&](const InputEdge& edge) {
            if (const auto channel = rig.readback_output(edge.input)) {
                edges.contact.push_back({*channel, edge.active, edge.at});
            }
        });
    };
    const auto command = [&](std::size_t channel, bool active) {
        const OutputLevel level{.channel = channel, .active = active};
        backend.drive({&level, 1});
        edges.commanded.push_back({channel, active, clock.now()});
    };
    for (std::size_t channel = 0; channel < rig.outputs.size(); ++channel) {
        if (!rig.outputs[channel].readback) {
            continue;
        }
        const Duration hold = std::min(plan.hold, rig.outputs[channel].max_hold);
        for (int press = 0; press < plan.presses; ++press) {
            if (rig.enable) {
                wave.start(clock.now());
                listen(clock.now() + rig.enable->period);
            }
            command(channel, true);
            listen(clock.now() + hold);
            command(channel, false);
            listen(clock.now() + plan.gap);
            wave.stop();
        }
    }
    return edges;
}

} // namespace fobrig
