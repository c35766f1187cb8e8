// Wiring the simulated bench to gpio-sim: output lines are sampled, input lines pulled.
#include "sim/gpio_sim_car.hpp"

#include <string>

namespace fobrig::sim {

GpioSimCar::GpioSimCar(World& world, Clock& clock, const Rig& rig, const SimSetup& setup,
                       const std::vector<GpioSimBank>& banks)
    : bench_(world, clock, rig, make_car(setup.car, setup.quirks), setup.person, setup.faults) {
    for (const OutputChannel& channel : rig.outputs) {
        const std::string who = "slot " + std::to_string(channel.slot) + " " + channel.button;
        outputs_.push_back(
            {.line = GpioSimLine(channel.line, banks, who), .active_low = channel.active_low});
        outputs_.back().line.pull(channel.active_low);
    }
    if (rig.enable) {
        // Sampled like an output, as channel rig.enable_channel(): the bench's board has power
        // only while the wave is seen toggling (a 500 Hz wave's 1 ms halves outlast a sample).
        outputs_.push_back({.line = GpioSimLine(rig.enable->line, banks, "the enable line"),
                            .active_low = rig.enable->active_low});
        outputs_.back().line.pull(rig.enable->active_low);
    }
    // Reserved up front: the car's and the relays' listeners hold pointers into it.
    inputs_.reserve(rig.senses.size() + rig.outputs.size());
    const auto input = [&](const LineRef& ref, bool active_low, Wire& signal,
                           const std::string& who) {
        const GpioSimLine& line = inputs_.emplace_back(ref, banks, who);
        line.pull(signal.level() != active_low);
        signal.on_change([&line, active_low](bool active) { line.pull(active != active_low); });
    };
    for (const SenseInput& sense : rig.senses) {
        if (Wire* signal = bench_.car().signal(sense.role)) {
            input(sense.line, sense.active_low, *signal, sense.role + " input");
        }
    }
    for (std::size_t i = 0; i < rig.outputs.size(); ++i) {
        const OutputChannel& channel = rig.outputs[i];
        if (channel.readback) {
            input(*channel.readback, channel.readback_active_low,
                  bench_.backend().relay(i).contact(),
                  "read-back of slot " + std::to_string(channel.slot) + " " + channel.button);
        }
    }
}

void GpioSimCar::poll() {
    for (std::size_t i = 0; i < outputs_.size(); ++i) {
        Output& output = outputs_[i];
        const bool active = output.line.high() != output.active_low;
        if (active != output.active) {
            output.active = active;
            const OutputLevel level{.channel = i, .active = active};
            bench_.backend().drive({&level, 1});
        }
    }
    // What the simulated backend reports is the kernel's business here: drop it, run the world.
    bench_.backend().wait(Instant{});
}

} // namespace fobrig::sim
