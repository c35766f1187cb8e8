// Pulses each output in turn and sorts the input edges that follow: its own contact, the car's
// signals, and any other contact (which should not have moved).
#include "rig/core/output_check.hpp"

#include "rig/core/enable_wave.hpp"

#include <algorithm>

namespace fobrig {
namespace {

void add_once(std::vector<std::size_t>& list, std::size_t value) {
    if (std::ranges::find(list, value) == list.end()) {
        list.push_back(value);
    }
}

void drive(Backend& backend, std::size_t channel, bool active) {
    const OutputLevel level{.channel = channel, .active = active};
    backend.drive({&level, 1});
}

} // namespace

bool OutputCheck::fault() const {
    if (readback) {
        return !close || !open || !other_contacts.empty();
    }
    return (line && (!line->driven || line->released)) || !other_contacts.empty();
}

std::vector<OutputCheck> check_outputs(Backend& backend, Clock& clock, const Rig& rig,
                                       const OutputCheckPlan& plan) {
    const OpenAllOnExit opened{backend};
    // An interlocked board has power only while the wave plays: from a period before each
    // press to the end of its settling.
    EnableWave wave(backend, rig);
    std::vector<OutputCheck> checks;
    for (std::size_t channel = 0; channel < rig.outputs.size(); ++channel) {
        const OutputChannel& output = rig.outputs[channel];
        OutputCheck check{.channel = channel, .readback = output.readback.has_value()};
        const bool read_line = !check.readback && plan.read_line;
        std::vector<InputEdge> edges;
        const auto listen = [&](Instant until) {
            listen_playing(backend, clock, wave, until,
                           [&](const InputEdge& edge) { edges.push_back(edge); });
        };
        if (rig.enable) {
            wave.start(clock.now());
            listen(clock.now() + rig.enable->period);
        }

        drive(backend, channel, true);
        const ChannelEdge closing{channel, true, clock.now()}; // when the drive returned
        listen(closing.at + std::min(plan.pulse, output.max_hold));
        const bool read_driven = read_line && plan.read_line(channel);
        drive(backend, channel, false);
        const ChannelEdge opening{channel, false, clock.now()};
        if (read_line) {
            check.line = LineRead{.driven = read_driven, .released = plan.read_line(channel)};
        }
        listen(opening.at + plan.settle);
        wave.stop();

        std::vector<ChannelEdge> contact;
        for (const InputEdge& edge : edges) {
            const auto contact_of = rig.readback_output(edge.input);
            if (edge.input < rig.senses.size()) {
                add_once(check.answers, edge.input);
            } else if (contact_of == channel) {
                contact.push_back({channel, edge.active, edge.at});
            } else if (contact_of) {
                add_once(check.other_contacts, *contact_of);
            }
        }
        std::ranges::stable_sort(contact, {}, &ChannelEdge::at);
        check.close = measure_transition(closing, opening.at, contact);
        check.open = measure_transition(opening, Instant::max(), contact);
        checks.push_back(std::move(check));
    }
    return checks;
}

} // namespace fobrig
