// Pulses each output in turn; read-back comes from the kernel, answers from the sense inputs.
#include "rig/gpiod/wiring_check.hpp"

namespace fobrig {
namespace {

// Collects sense edges until `until`; read-back edges are the kernel's read of the output,
// which read_output() reports.
void listen(GpiodBackend& backend, Clock& clock, const Rig& rig, Instant until,
            std::vector<InputEdge>& edges) {
    while (clock.now() < until) {
        for (const InputEdge& edge : backend.wait(until)) {
            if (edge.input < rig.senses.size()) {
                edges.push_back(edge);
            }
        }
    }
}

std::string yes_no(bool value, const char* yes, const char* no) {
    return value ? yes : no;
}

} // namespace

std::vector<WiringCheck> check_wiring(GpiodBackend& backend, Clock& clock, const Rig& rig,
                                      Duration pulse, Duration settle) {
    const ReleaseOnExit release{backend};
    std::vector<WiringCheck> checks;
    for (std::size_t channel = 0; channel < rig.outputs.size(); ++channel) {
        WiringCheck check{.channel = channel};
        const OutputLevel press{.channel = channel, .active = true};
        backend.drive({&press, 1});
        listen(backend, clock, rig, clock.now() + pulse, check.answers);
        check.read_closed = backend.read_output(channel);
        const OutputLevel open{.channel = channel, .active = false};
        backend.drive({&open, 1});
        check.read_open_after = backend.read_output(channel);
        listen(backend, clock, rig, clock.now() + settle, check.answers);
        checks.push_back(std::move(check));
    }
    return checks;
}

std::string wiring_report(const std::vector<WiringCheck>& checks, const Rig& rig) {
    std::string text;
    for (const WiringCheck& check : checks) {
        const OutputChannel& output = rig.outputs.at(check.channel);
        text += "slot " + std::to_string(output.slot) + " " + output.button + " (" +
                output.line.chip + ":" + std::to_string(output.line.offset) +
                "): " + yes_no(check.ok(), "ok", "FAULT") + ", read back " +
                yes_no(check.read_closed, "closed", "open") + " when driven, " +
                yes_no(check.read_open_after, "closed", "open") + " after release";
        for (const InputEdge& edge : check.answers) {
            text += "; " + rig.senses.at(edge.input).role + " went " +
                    yes_no(edge.active, "active", "inactive");
        }
        text += '\n';
    }
    return text;
}

} // namespace fobrig
