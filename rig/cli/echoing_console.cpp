#include "rig/cli/echoing_console.hpp"

#include <spdlog/spdlog.h>

namespace fobrig {

void EchoingConsole::prompt(const OperatorPrompt& prompt) {
    current_ = prompt;
    reported_ = false;
    spdlog::info("operator, {}: {}", prompt.step_id, prompt.text);
    inner_.prompt(prompt);
}

void EchoingConsole::car_clock(const CarClock& clock) {
    if (clock.deadline) {
        spdlog::info("operator, {}: the car's clock started ({})", clock.step_id,
                     current_.car_limit);
    } else {
        spdlog::info("operator, {}: {} in time", clock.step_id, clock.what);
    }
    inner_.car_clock(clock);
}

void EchoingConsole::counted(const OperatorPrompt& prompt) {
    spdlog::info("operator, {}: {}", prompt.step_id, count_progress(prompt));
    inner_.counted(prompt);
}

std::optional<Instant> EchoingConsole::acknowledged() {
    const auto ack = inner_.acknowledged();
    if (ack && !reported_) {
        reported_ = true;
        spdlog::info("operator, {}: done", current_.step_id);
    }
    return ack;
}

} // namespace fobrig
