// Reading --sim-fault texts into a simulated bench's faults and operator.
#include "sim/fault_options.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>
#include <utility>

namespace fobrig::sim {

namespace {

double number(const std::string& fault, const std::string& text) {
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || value < 0) {
        throw std::invalid_argument("--sim-fault " + fault + ": '" + text +
                                    "' is not a non-negative number");
    }
    return value;
}

Duration seconds_value(const std::string& fault, const std::string& text) {
    return std::chrono::duration_cast<Duration>(std::chrono::duration<double>(number(fault, text)));
}

// Turns beyond a counted step's count: -1 is one too few, 1 one too many.
int turns_off_count(const std::string& fault, const std::string& text) {
    const bool negative = text.starts_with('-');
    const double turns = number(fault, negative ? text.substr(1) : text);
    if (turns != static_cast<int>(turns) || turns > 20) {
        throw std::invalid_argument("--sim-fault " + fault + ": '" + text +
                                    "' is not a whole number of turns from -20 to 20");
    }
    return negative ? -static_cast<int>(turns) : static_cast<int>(turns);
}

// The rig output of a SLOT.BUTTON such as 1.lock.
std::size_t channel(const std::string& fault, const std::string& text, const Rig& rig) {
    const auto dot = text.find('.');
    if (dot != std::string::npos) {
        const int slot = static_cast<int>(number(fault, text.substr(0, dot)));
        if (const auto index = rig.output_index(slot, text.substr(dot + 1))) {
            return *index;
        }
    }
    throw std::invalid_argument("--sim-fault " + fault + ": '" + text +
                                "' is not a wired SLOT.BUTTON such as 1.lock");
}

// A slot of the rig: a fault on a slot it lacks would change nothing and pass unnoticed.
int wired_slot(const std::string& fault, const std::string& text, const Rig& rig) {
    const double value = number(fault, text);
    const int slot = static_cast<int>(value);
    if (value != slot || std::find(rig.slots.begin(), rig.slots.end(), slot) == rig.slots.end()) {
        std::string slots;
        for (const int wired : rig.slots) {
            slots += (slots.empty() ? "" : ", ") + std::to_string(wired);
        }
        throw std::invalid_argument("--sim-fault " + fault + ": rig " + rig.name + " has no slot " +
                                    text + " (its slots: " + slots + ")");
    }
    return slot;
}

// SLOT:N, as counter-ahead takes it.
std::pair<int, std::uint32_t> slot_and_count(const std::string& fault, const std::string& text,
                                             const Rig& rig) {
    const auto colon = text.find(':');
    if (colon == std::string::npos) {
        throw std::invalid_argument("--sim-fault " + fault + ": '" + text +
                                    "' is not SLOT:N such as 3:100");
    }
    return {wired_slot(fault, text.substr(0, colon), rig),
            static_cast<std::uint32_t>(number(fault, text.substr(colon + 1)))};
}

} // namespace

TargetRecord simulated_target(const SimSetup& setup) {
    return {.simulated = true,
            .sim_car = setup.car,
            .sim_car_name = car_model(setup.car).name,
            .sim_faults = setup.given};
}

SimSetup parse_sim_faults(const std::vector<std::string>& faults, const Rig& rig,
                          std::string_view car) {
    const CarModel& model = car_model(car.empty() ? default_car_model : car);
    SimSetup setup{.car = model.id, .car_given = !car.empty(), .given = faults};
    for (const auto& fault : faults) {
        const auto equals = fault.find('=');
        const std::string name = fault.substr(0, equals);
        const std::string value = equals == std::string::npos ? "" : fault.substr(equals + 1);
        if (name == "dead-receiver" && value.empty()) {
            setup.faults.dead_receiver = true;
        } else if (name == "flat-battery") {
            setup.faults.flat_battery_slots.push_back(wired_slot(name, value, rig));
        } else if (name == "broken-button") {
            const OutputChannel& output = rig.outputs[channel(name, value, rig)];
            setup.faults.broken_buttons[output.slot].set(*button_named(output.button), true);
        } else if (name == "counter-ahead") {
            const auto [slot, count] = slot_and_count(name, value, rig);
            setup.faults.counter_ahead[slot] = count;
        } else if (name == "stuck-open") {
            setup.faults.stuck_relays[channel(name, value, rig)] = RelayFault::stuck_open;
        } else if (name == "stuck-closed") {
            setup.faults.stuck_relays[channel(name, value, rig)] = RelayFault::stuck_closed;
        } else if (name == "telegram-loss") {
            setup.faults.telegram_loss = number(name, value);
        } else if (name == "seed") {
            setup.faults.seed = static_cast<std::uint64_t>(number(name, value));
        } else if (name == "key-in") {
            setup.person.ignition_hold = seconds_value(name, value);
        } else if (name == "turn-pace") {
            setup.person.turn_on = seconds_value(name, value) / 2;
            setup.person.turn_off = setup.person.turn_on;
        } else if (name == "miscount") {
            setup.person.miscount = turns_off_count(name, value);
        } else if (name == "response") {
            setup.person.response = seconds_value(name, value);
        } else if (name == "ack-delay") {
            setup.person.ack_delay = seconds_value(name, value);
        } else if (name == "chord-start" && value.empty()) {
            setup.quirks.chord_counts_as_press = true;
        } else if (name == "min-tap-gap") {
            setup.quirks.min_tap_gap = seconds_value(name, value);
        } else if (name == "run-stall") {
            setup.faults.run_stall = seconds_value(name, value);
        } else {
            throw std::invalid_argument("--sim-fault '" + fault +
                                        "' is not a fault; known: " + std::string(fault_kinds));
        }
    }
    if (setup.quirks != ReceiverQuirks{} && !model.takes_quirks) {
        throw std::invalid_argument("--sim-fault chord-start and min-tap-gap are readings of the "
                                    "BMW ritual; the simulated car " +
                                    car_model_text(model) + " has another");
    }
    return setup;
}

} // namespace fobrig::sim
