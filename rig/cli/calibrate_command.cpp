// Runs the presses on the rig's own backend (real lines, or the simulator in virtual time, as
// nothing physical waits there), then reports and optionally writes the medians.
#include "rig/cli/calibrate_command.hpp"

#include "rig/cli/daemon_call.hpp"
#include "rig/cli/exit_codes.hpp"
#include "rig/config/reported.hpp"
#include "rig/config/rig_file.hpp"
#include "rig/config/rig_file_edit.hpp"
#include "rig/core/calibration.hpp"
#include "rig/gpiod/gpiod_backend.hpp"
#include "rig/platform/monotonic_clock.hpp"
#include "rig/record/decimal_text.hpp"
#include "rig/record/text_table.hpp"
#include "rig/record/wiring_json.hpp"
#include "sim/simulated_rig.hpp"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace fobrig {
namespace {

CalibrationEdges press(const Rig& rig, const CalibrationPresses& plan) {
    if (rig.backend == "gpiod") {
        const auto backend = open_gpiod_backend(rig);
        platform::MonotonicClock clock;
        return press_for_calibration(*backend, clock, rig, plan);
    }
    sim::SimulatedRig simulated(rig, true);
    return press_for_calibration(simulated.backend(), simulated.clock(), rig, plan);
}

std::string ms_text(Duration d) {
    return decimal_text(d, milliseconds(1), 3);
}

std::string spread_text(const std::optional<Spread>& spread) {
    return spread ? ms_text(spread->min) + " / " + ms_text(spread->median) + " / " +
                        ms_text(spread->max)
                  : "-";
}

std::string report(const Rig& rig, const std::vector<ChannelCalibration>& channels) {
    TextTable table({{"channel"},
                     {"followed", Align::right},
                     {"operate ms min/med/max", Align::right},
                     {"release ms min/med/max", Align::right},
                     {"bounce ms min/med/max", Align::right},
                     {"configured ms", Align::right}});
    for (const ChannelCalibration& c : channels) {
        const OutputChannel& output = rig.outputs.at(c.channel);
        table.add_row({channel_name(output),
                       std::to_string(c.followed) + "/" + std::to_string(c.commands),
                       spread_text(c.operate), spread_text(c.release), spread_text(c.bounce),
                       ms_text(output.operate_latency) + " / " + ms_text(output.release_latency)});
    }
    return table.str();
}

// Writes the measured medians of every channel that followed each command; a channel that
// missed some keeps its latencies, as its contact or wiring needs looking at first.
int write_latencies(const std::filesystem::path& rig_file,
                    const std::vector<ChannelCalibration>& channels, std::ostream& progress) {
    std::vector<LatencyUpdate> updates;
    for (const ChannelCalibration& c : channels) {
        if (c.followed == c.commands && c.operate && c.release) {
            updates.push_back({c.channel, c.operate->median, c.release->median});
        }
    }
    std::stringstream text;
    text << std::ifstream(rig_file, std::ios::binary).rdbuf();
    const std::string edited = with_latencies(text.str(), updates);
    // Through a temporary name and a rename, so that the rig file is never half-written.
    const std::filesystem::path temporary = rig_file.string() + ".calibrating";
    if (!(std::ofstream(temporary, std::ios::binary | std::ios::trunc) << edited)) {
        throw std::runtime_error("cannot write " + temporary.string());
    }
    std::filesystem::rename(temporary, rig_file);
    progress << "wrote the latencies of " << updates.size() << " of " << channels.size()
             << " channels into " << rig_file.string() << '\n';
    return updates.size() == channels.size() ? exit_code::ok : exit_code::run_failed;
}

} // namespace

int calibrate_command(const ClientOptions& client, const CalibrateOptions& options) {
    const auto loaded = reported(load_rig_file(options.rig_file));
    if (!loaded) {
        return exit_code::usage;
    }
    const Rig& rig = *loaded;
    if (std::none_of(rig.outputs.begin(), rig.outputs.end(),
                     [](const OutputChannel& o) { return o.readback.has_value(); })) {
        std::cerr << "fobrig: " << options.rig_file.string()
                  << ": no output has a read-back line (readback_chip, readback_line), so "
                     "nothing can be measured\n";
        return exit_code::usage;
    }
    if (daemon_is_busy(client)) {
        std::cerr << "fobrig: a run is going on the rig; calibrate waits until it ends\n";
        return exit_code::run_failed;
    }
    std::vector<ChannelCalibration> channels;
    try {
        const CalibrationEdges edges = press(rig, {.presses = options.presses});
        channels = calibrate(edges.commanded, edges.contact);
    } catch (const LineRequestError& error) {
        std::cerr << "fobrig: " << options.rig_file.string() << ": " << error.what() << '\n';
        return exit_code::usage;
    }
    // With --json the table is progress, on stderr, and stdout holds one document.
    std::ostream& text = client.json ? std::cerr : std::cout;
    const bool simulated = rig.backend != "gpiod";
    if (simulated) {
        text << "simulated relays, in virtual time: these are the rig file's own latencies\n";
    }
    text << report(rig, channels);
    if (client.json) {
        std::cout << calibration_json(rig, channels, simulated).dump(2) << '\n';
    }
    if (options.write) {
        return write_latencies(options.rig_file, channels, text);
    }
    const bool all_followed = std::all_of(channels.begin(), channels.end(),
                                          [](const auto& c) { return c.followed == c.commands; });
    return all_followed ? exit_code::ok : exit_code::run_failed;
}

} // namespace fobrig
