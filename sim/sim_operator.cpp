// The simulated operator's actions, scheduled on the world.
#include "sim/sim_operator.hpp"

namespace fobrig::sim {

SimOperator::SimOperator(World& world, Clock& clock, Car& car, OperatorProfile profile)
    : world_(world), clock_(clock), car_(car), profile_(profile) {}

void SimOperator::prompt(const OperatorPrompt& prompt) {
    // On a paced clock the world may lag real time; the operator reads the prompt now.
    clock_.sleep_until(clock_.now());
    ++prompts_;
    acknowledged_.reset();
    switch (prompt.action) {
    case OperatorAction::confirm:
        acknowledge_after(profile_.response);
        break;
    case OperatorAction::ignition_cycle:
        // Hands finish turning the key even if another prompt comes meanwhile.
        world_.after(profile_.response, [this] { car_.set_ignition(true); });
        world_.after(profile_.response + profile_.ignition_hold,
                     [this] { car_.set_ignition(false); });
        acknowledge_after(profile_.response + profile_.ignition_hold + profile_.ack_delay);
        break;
    case OperatorAction::key_cycle: // the simulated car has no key-in switch nor door
    case OperatorAction::door_cycle:
        acknowledge_after(profile_.response);
        break;
    case OperatorAction::ignition_on:
    case OperatorAction::ignition_off:
        world_.after(profile_.response, [this, on = prompt.action == OperatorAction::ignition_on] {
            car_.set_ignition(on);
        });
        acknowledge_after(profile_.response + profile_.ack_delay);
        break;
    }
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
