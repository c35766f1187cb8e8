// A simulated bench in virtual time, driven through its backend by hand-written timed edges.
// Header-only: the test suite builds every *_test.cpp in this folder and nothing else.
#pragma once

#include "sim/bmw_car.hpp"
#include "sim/sim_bench.hpp"
#include "sim/virtual_clock.hpp"

#include <string>
#include <vector>

namespace fobrig::sim::fixture {

// The shape of config/rigs/sim-2.toml (active-low relays on three buttons per fob, active-low
// lock, unlock and ignition senses), with `slots` fobs and a typical relay HAT's latencies.
inline Rig sim_rig(int slots = 2) {
    Rig rig{.name = "sim-test", .backend = "sim"};
    unsigned line = 0;
    for (int slot = 1; slot <= slots; ++slot) {
        rig.slots.push_back(slot);
        for (const char* button : {"lock", "unlock", "boot"}) {
            rig.outputs.push_back({.slot = slot,
                                   .button = button,
                                   .line = {.chip = "fobrig-sim", .offset = line++},
                                   .active_low = true,
                                   .kind = SwitchKind::relay,
                                   .operate_latency = milliseconds(10),
                                   .release_latency = milliseconds(5),
                                   .max_hold = seconds(8)});
        }
    }
    for (const char* role : {"lock", "unlock", "ignition"}) {
        rig.senses.push_back({.role = role,
                              .line = {.chip = "fobrig-sim", .offset = line++},
                              .active_low = true,
                              .debounce = milliseconds(5)});
    }
    return rig;
}

// The lock presses of a ritual: hold unlock (or lock and unlock together) at 0, lift lock
// 500 ms before each press, press for 300 ms, release both 300 ms after the last press.
struct RitualShape {
    int presses = 3;    // lock presses after the hold's start
    bool chord = false; // the hold starts with lock and unlock together, not unlock alone
    Duration first_press = milliseconds(1500);
    Duration press_spacing = milliseconds(800);
};

class BenchFixture {
public:
    explicit BenchFixture(const CarMaker& car = make_car(), OperatorProfile person = {},
                          SimFaults faults = {}, Rig wiring = sim_rig())
        : rig(std::move(wiring)), bench(world, clock, rig, car, person, std::move(faults)) {}

    // Lets time pass, keeping the sense edges the backend reports meanwhile.
    void pass(Duration d) { pass_until(world.now() + d); }

    void pass_until(Instant t) {
        while (world.now() < t) {
            const auto seen = bench.backend().wait(t);
            edges.insert(edges.end(), seen.begin(), seen.end());
        }
    }

    void set_buttons(int slot, const std::vector<std::string>& buttons, bool closed) {
        std::vector<OutputLevel> levels;
        for (const std::string& button : buttons) {
            levels.push_back({.channel = rig.output_index(slot, button).value(), .active = closed});
        }
        bench.backend().drive(levels);
    }

    // Presses the buttons for `length`, then lets them go.
    void press(int slot, const std::vector<std::string>& buttons, Duration length) {
        set_buttons(slot, buttons, true);
        pass(length);
        set_buttons(slot, buttons, false);
    }

    // Prompts the operator to cycle the ignition; returns once they acknowledge.
    void ignition_cycle() {
        bench.operator_console().prompt(
            {.step_id = "ignition", .action = OperatorAction::ignition_cycle});
        while (!bench.operator_console().acknowledged()) {
            pass(milliseconds(100));
        }
    }

    // Plays a ritual on a fob; returns when both buttons were let go.
    Instant play_ritual(int slot, RitualShape shape = {}) {
        const Instant start = world.now();
        set_buttons(slot,
                    shape.chord ? std::vector<std::string>{"lock", "unlock"}
                                : std::vector<std::string>{"unlock"},
                    true);
        Duration last_press = shape.first_press;
        for (int k = 0; k < shape.presses; ++k) {
            last_press = shape.first_press + k * shape.press_spacing;
            pass_until(start + last_press - milliseconds(500));
            if (k > 0 || shape.chord) {
                set_buttons(slot, {"lock"}, false);
            }
            pass_until(start + last_press);
            set_buttons(slot, {"lock"}, true);
        }
        pass_until(start + last_press + milliseconds(300));
        set_buttons(slot, {"lock", "unlock"}, false);
        return world.now();
    }

    // Enters programming mode, teaches these fobs in one session, and finalises.
    void program(const std::vector<int>& slots) {
        ignition_cycle();
        for (const int slot : slots) {
            pass(seconds(1));
            play_ritual(slot);
            pass(seconds(3));
        }
        ignition_cycle();
    }

    // The lock and unlock signals that turned active after `t`, by role, in order.
    std::vector<std::string> pulses_since(Instant t) const {
        std::vector<std::string> roles;
        for (const InputEdge& edge : edges) {
            const std::string& role = rig.senses[edge.input].role;
            if (edge.active && edge.at > t && role != "ignition") {
                roles.push_back(role);
            }
        }
        return roles;
    }

    std::uint32_t fob_id(int slot) { return bench.fob(slot).id(); }
    // The bench's car as the BMW ritual's receiver it is unless a test chose another.
    BmwCar& bmw() { return dynamic_cast<BmwCar&>(bench.car()); }

    Rig rig;
    World world{Instant{}};
    VirtualClock clock{world};
    SimBench bench;
    std::vector<InputEdge> edges;
};

} // namespace fobrig::sim::fixture
