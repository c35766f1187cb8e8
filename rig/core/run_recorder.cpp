#include "rig/core/run_recorder.hpp"

namespace fobrig {

RunRecorder::RunRecorder(const Rig& rig, RunRecord header)
    : outputs_(rig.outputs.size()), record_(std::move(header)) {
    for (const auto& out : rig.outputs) {
        record_.lines.push_back(
            {.name = "slot" + std::to_string(out.slot) + "." + out.button, .output = true});
    }
    for (const auto& sense : rig.senses) {
        record_.lines.push_back({.name = "sense." + sense.role, .output = false});
    }
}

void RunRecorder::sensed(int attempt, const InputEdge& edge) {
    record_.sensed.push_back(
        {.attempt = attempt, .line = outputs_ + edge.input, .active = edge.active, .at = edge.at});
}

} // namespace fobrig
