// One request per role; the sense edges during a request tell which input answered it.
#include "rig/core/sense_check.hpp"

#include <algorithm>
#include <array>

namespace fobrig {
namespace {

const std::array<WiringRequest, 4> requests{{
    {"lock", "Lock the car by hand"},
    {"unlock", "Unlock the car by hand"},
    {"ignition", "Turn the ignition to position 1 and back"},
    // Locking with the key in the door may not flash them; a remote the car knows does.
    {"indicator", "Flash the indicators: lock or unlock the car with a remote it knows"},
}};

struct Moved {
    bool active = false;
    bool inactive = false;
};

// Asks for the role of `check.input`, and notes what every sense input did until the request
// ended.
void ask(Backend& backend, Clock& clock, const Rig& rig, const SenseCheckPlan& plan,
         WiringConsole& console, const WiringRequest& request, SenseCheck& check) {
    // Edges from before the request are not its answer.
    backend.wait(clock.now());
    const Instant deadline = clock.now() + plan.time_limit;
    console.ask(request, deadline);
    std::vector<Moved> moved(rig.senses.size());
    Instant end = deadline;
    bool answered = false;
    bool skipped = false;
    while (clock.now() < end) {
        if (console.skipped()) {
            skipped = true;
            break;
        }
        for (const InputEdge& edge : backend.wait(end)) {
            if (edge.input >= moved.size()) {
                continue;
            }
            Moved& input = moved[edge.input];
            (edge.active ? input.active : input.inactive) = true;
            if (!answered && input.active && input.inactive) {
                answered = true;
                end = std::min(end, clock.now() + plan.settle);
            }
        }
    }
    check.went_active = moved[check.input].active;
    check.went_inactive = moved[check.input].inactive;
    check.skipped = skipped && !check.moved();
    for (std::size_t input = 0; input < moved.size(); ++input) {
        if (input != check.input && (moved[input].active || moved[input].inactive)) {
            check.others.push_back(input);
        }
    }
}

} // namespace

std::vector<SenseCheck> check_senses(Backend& backend, Clock& clock, const Rig& rig,
                                     const SenseCheckPlan& plan, WiringConsole* console) {
    std::vector<SenseCheck> checks;
    for (std::size_t input = 0; input < rig.senses.size(); ++input) {
        checks.push_back({.input = input});
        if (input < plan.levels.size()) {
            checks.back().level = plan.levels[input];
        }
    }
    if (!console) {
        return checks;
    }
    for (const WiringRequest& request : requests) {
        if (const auto input = rig.sense_index(request.role)) {
            ask(backend, clock, rig, plan, *console, request, checks[*input]);
        }
    }
    return checks;
}

} // namespace fobrig
