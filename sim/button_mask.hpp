// The buttons of a three-button fob, and which of them are closed at once.
#pragma once

#include <optional>
#include <string_view>

namespace fobrig::sim {

enum class Button { lock, unlock, boot };

// By the names the rig files use ("lock", "unlock", "boot").
std::optional<Button> button_named(std::string_view name);

struct ButtonMask {
    bool lock = false;
    bool unlock = false;
    bool boot = false;

    bool operator==(const ButtonMask&) const = default;
    bool any() const { return lock || unlock || boot; }
    bool closed(Button button) const;
    void set(Button button, bool closed);
};

} // namespace fobrig::sim
