#include "rig/record/pin_map.hpp"

#include "rig/core/pi_header.hpp"

#include <algorithm>

namespace fobrig {
namespace {

std::string output_part(const OutputChannel& output, int number) {
    const std::string n = std::to_string(number);
    switch (output.kind) {
    case SwitchKind::relay:
        return "relay board input IN" + n + (output.active_low ? " (active-low)" : "");
    case SwitchKind::solid_state:
        return "PhotoMOS relay " + n + ": LED anode via 330 Ω, cathode to GND; 10 kΩ pin to GND";
    case SwitchKind::optocoupler:
        return "optocoupler " + n + ": LED anode via 330 Ω, cathode to GND; 10 kΩ pin to GND";
    }
    return {};
}

std::string output_goes_to(const OutputChannel& output) {
    const std::string contact =
        output.kind == SwitchKind::relay ? "relay's COM and NO" : "output side";
    if (!output.car_switch.empty()) {
        return "its " + contact + " across the car's " + output.car_switch + " switch";
    }
    return "its " + contact + " across fob " + std::to_string(output.slot) + "'s " + output.button +
           " button pads";
}

std::string sense_goes_to(const SenseInput& sense) {
    if (sense.role == "indicator") {
        return "car: an indicator bulb's feed, fused 1 A, via 2.2 kΩ; LED cathode to car ground";
    }
    if (sense.role == "ignition") {
        return "car: ignition position 1 (terminal 15) via 2.2 kΩ; LED cathode to car ground";
    }
    return "car: the " + sense.role + " motor wire via 2.2 kΩ; LED cathode to car ground";
}

std::string gpio(const LineRef& line) {
    return "GPIO" + std::to_string(line.offset);
}

bool on_header(const Rig& rig) {
    return !rig.outputs.empty() && std::ranges::all_of(rig.outputs, [](const auto& o) {
        return pi_header_pin(o.line).has_value();
    }) && std::ranges::all_of(rig.senses, [](const auto& s) {
        return pi_header_pin(s.line).has_value();
    }) && (!rig.enable || pi_header_pin(rig.enable->line).has_value());
}

// The interlock of docs/wiring.md: the wave triggers a 74HCT123 on its activating edge, whose
// inverted output holds a P-MOSFET in the relay board's coil supply on.
PinRow enable_row(const EnableOutput& enable) {
    return {pi_header_pin(enable.line), gpio(enable.line), "enable wave",
            enable.active_low ? "74HCT123 pin 1 (/1A, falling edge), 10 kΩ to 3.3 V; pin 2 to 5 V"
                              : "74HCT123 pin 2 (1B, rising edge), 10 kΩ to GND; pin 1 to GND",
            "its /1Q (pin 4) to the gate of the P-MOSFET feeding the relay board's JD-VCC "
            "(docs/wiring.md)"};
}

} // namespace

std::vector<PinRow> pin_rows(const Rig& rig) {
    std::vector<PinRow> rows;
    int number = 0;
    for (const auto& output : rig.outputs) {
        rows.push_back({pi_header_pin(output.line), gpio(output.line), channel_text(output),
                        output_part(output, ++number), output_goes_to(output)});
    }
    if (rig.enable) {
        rows.push_back(enable_row(*rig.enable));
    }
    number = 0;
    for (const auto& sense : rig.senses) {
        rows.push_back({pi_header_pin(sense.line), gpio(sense.line), sense.role + " sense",
                        "optocoupler " + std::to_string(++number) +
                            ": collector, 10 kΩ to 3.3 V; emitter to GND",
                        sense_goes_to(sense)});
    }
    if (!on_header(rig)) {
        return rows;
    }
    const bool relay_board = std::ranges::any_of(
        rig.outputs, [](const auto& output) { return output.kind == SwitchKind::relay; });
    if (relay_board && rig.enable) {
        rows.push_back({2, "5 V", "power",
                        "the interlock: 74HCT123 VCC (pin 16) and the P-MOSFET's source",
                        "the P-MOSFET's drain to relay board JD-VCC (the coils), jumper removed"});
    } else if (relay_board) {
        rows.push_back({2, "5 V", "power", "relay board JD-VCC (the coils), jumper removed", "-"});
    }
    if (relay_board) {
        rows.push_back({1, "3.3 V", "power", "relay board VCC (the input side)", "-"});
    }
    if (!rig.senses.empty()) {
        rows.push_back({17, "3.3 V", "power", "the sense optocouplers' 10 kΩ pull-ups", "-"});
    }
    rows.push_back(
        {6, "GND", "ground", "the Pi side's ground: board GND, optocoupler emitters", "-"});
    return rows;
}

std::string pin_map_markdown(const Rig& rig) {
    std::string text = "| header pin | signal | role | wired to | its other side |\n"
                       "| ---: | --- | --- | --- | --- |\n";
    for (const PinRow& row : pin_rows(rig)) {
        text += "| " + (row.header_pin ? std::to_string(*row.header_pin) : "-") + " | " +
                row.signal + " | " + row.role + " | " + row.part + " | " + row.goes_to + " |\n";
    }
    return text;
}

} // namespace fobrig
