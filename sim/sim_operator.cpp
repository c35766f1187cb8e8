// The simulated operator's actions, scheduled on the world.
#include "sim/sim_operator.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace fobrig::sim {

bool ends_active(const OperatorPrompt& prompt) {
    const std::string& limit = prompt.car_limit;
    return std::ranges::any_of(std::array{", ending on", ", ending in", ", ending open"},
                               [&](std::string_view end) { return limit.ends_with(end); });
}

SimOperator::SimOperator(World& world, Clock& clock, Car& car, OperatorProfile profile)
    : world_(world), clock_(clock), car_(car), profile_(profile) {}

void SimOperator::prompt(const OperatorPrompt& prompt) {
    // On a paced clock the world may lag real time; the operator reads the prompt now.
    clock_.sleep_until(clock_.now());
    ++prompts_;
    acknowledged_.reset();
    const int turns = std::max(prompt.count, 1) + profile_.miscount;
    switch (prompt.action) {
    case OperatorAction::confirm:
        acknowledge_after(profile_.response);
        break;
    case OperatorAction::ignition_cycle: {
        Duration done = profile_.response + profile_.ignition_hold;
        if (prompt.count > 0) {
            done = turn("ignition", turns, ends_active(prompt));
        } else {
            // Hands finish turning the key even if another prompt comes meanwhile.
            world_.after(profile_.response, [this] { car_.set_ignition(true); });
            world_.after(done, [this] { car_.set_ignition(false); });
        }
        acknowledge_after(remove_key_after(done, ends_active(prompt)) + profile_.ack_delay);
        break;
    }
    case OperatorAction::key_cycle:
        acknowledge_after(turn("key-in", turns, ends_active(prompt)) + profile_.ack_delay);
        break;
    case OperatorAction::door_cycle:
        acknowledge_after(turn("door", turns, ends_active(prompt)) + profile_.ack_delay);
        break;
    case OperatorAction::ignition_on:
    case OperatorAction::ignition_off: {
        // A key already there (left so by an attempt that stopped) is turned back first, so
        // that the rig sees the turn it asks for.
        const bool on = prompt.action == OperatorAction::ignition_on;
        Duration at = profile_.response;
        if (car_.ignition_switch().level() == on) {
            world_.after(at, [this, on] { car_.set_ignition(!on); });
            at += profile_.turn_off;
        }
        world_.after(at, [this, on] { car_.set_ignition(on); });
        acknowledge_after(at + profile_.ack_delay);
        break;
    }
    }
}

Duration SimOperator::turn(const std::string& role, int turns, bool end_on) {
    Duration at = profile_.response;
    if (const Wire* now = car_.signal(role); now && now->level()) {
        world_.after(at, [this, role] { car_.work(role, false); }); // from rest, as counted
        at += profile_.turn_off;
    }
    for (int i = 0; i < turns; ++i) {
        world_.after(at, [this, role] { car_.work(role, true); });
        at += profile_.turn_on;
        if (i + 1 == turns && end_on) {
            return at - profile_.turn_on;
        }
        world_.after(at, [this, role] { car_.work(role, false); });
        if (i + 1 < turns) {
            at += profile_.turn_off;
        }
    }
    return at;
}

Duration SimOperator::remove_key_after(Duration at, bool ignition_on) {
    const Wire* key = car_.signal("key-in");
    if (ignition_on || key == nullptr || !key->level()) {
        return at;
    }
    world_.after(at + profile_.turn_off, [this] { car_.work("key-in", false); });
    return at + profile_.turn_off;
}

void SimOperator::acknowledge_after(Duration d) {
    world_.after(d, [this, prompt = prompts_] {
        if (prompt == prompts_) {
            acknowledged_ = world_.now();
            ++acknowledgements_;
        }
    });
}

} // namespace fobrig::sim
