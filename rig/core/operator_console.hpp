// The person at the rig: asked to do the manual steps, and to say when they are done.
#pragma once

#include "rig/core/procedure.hpp"
#include "rig/core/time.hpp"

#include <optional>
#include <string>

namespace fobrig {

struct OperatorPrompt {
    std::string step_id;
    std::string text;
    OperatorAction action = OperatorAction::confirm;
    Instant deadline{};
};

class OperatorConsole {
public:
    virtual ~OperatorConsole() = default;
    virtual void prompt(const OperatorPrompt& prompt) = 0;
    // When the operator acknowledged the current prompt, if they have.
    virtual std::optional<Instant> acknowledged() = 0;
};

} // namespace fobrig
