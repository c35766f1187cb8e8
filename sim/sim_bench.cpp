// Assembling a bench from a rig: one fob per slot, each relay contact across its button (or
// across the car's switch).
#include "sim/sim_bench.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace fobrig::sim {

SimBench::SimBench(World& world, Clock& clock, const Rig& rig, const CarMaker& car,
                   OperatorProfile person, SimFaults faults, FobProfile fob)
    : car_(car(world)), radio_(
                            faults.telegram_loss, faults.seed,
                            [this](const Telegram& t) { car_->receive(t); }, faults.lost_telegrams),
      operator_(world, clock, *car_, person),
      backend_(world, clock, rig, *car_, operator_, faults.stuck_relays) {
    car_->set_receiver_dead(faults.dead_receiver);
    backend_.stall_first_press(faults.run_stall);
    auto add_fob = [&](int slot) {
        const auto [it, added] =
            fobs_.try_emplace(slot, world, fob_id_base + static_cast<std::uint32_t>(slot), fob,
                              [this](const Telegram& t) { radio_.transmit(t); });
        if (added) {
            Fob& added_fob = it->second;
            added_fob.set_battery_flat(std::ranges::count(faults.flat_battery_slots, slot) > 0);
            if (const auto broken = faults.broken_buttons.find(slot);
                broken != faults.broken_buttons.end()) {
                added_fob.set_broken(broken->second);
            }
            if (const auto ahead = faults.counter_ahead.find(slot);
                ahead != faults.counter_ahead.end()) {
                car_->preload_key(added_fob.id(), 0);
                added_fob.advance_counter(ahead->second);
            }
        }
    };
    for (const int slot : rig.slots) {
        add_fob(slot);
    }
    for (std::size_t i = 0; i < rig.outputs.size(); ++i) {
        const OutputChannel& channel = rig.outputs[i];
        if (!channel.car_switch.empty()) {
            // A contact across the car's switch works it as a hand would; a car without that
            // switch does not notice it.
            backend_.relay(i).contact().on_change(
                [this, role = channel.car_switch](bool closed) { car_->work(role, closed); });
            continue;
        }
        const auto button = button_named(channel.button);
        if (!button) {
            throw std::invalid_argument("output " + std::to_string(i) + " (slot " +
                                        std::to_string(channel.slot) + ") is wired to \"" +
                                        channel.button + "\", which no fob button is called");
        }
        add_fob(channel.slot);
        Fob& target = fobs_.at(channel.slot);
        backend_.relay(i).contact().on_change(
            [&target, button = *button](bool closed) { target.set_button(button, closed); });
    }
}

} // namespace fobrig::sim
