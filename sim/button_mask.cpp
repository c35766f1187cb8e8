// Button names and the mask's per-button access.
#include "sim/button_mask.hpp"

namespace fobrig::sim {
namespace {

// One switch for reading and writing: Mask is ButtonMask or const ButtonMask.
template <typename Mask> auto& contact(Mask& mask, Button button) {
    switch (button) {
    case Button::lock:
        return mask.lock;
    case Button::unlock:
        return mask.unlock;
    case Button::boot:
        return mask.boot;
    }
    return mask.boot; // unreachable: the switch covers every button
}

} // namespace

std::optional<Button> button_named(std::string_view name) {
    if (name == "lock") {
        return Button::lock;
    }
    if (name == "unlock") {
        return Button::unlock;
    }
    if (name == "boot") {
        return Button::boot;
    }
    return std::nullopt;
}

bool ButtonMask::closed(Button button) const {
    return contact(*this, button);
}

void ButtonMask::set(Button button, bool closed) {
    contact(*this, button) = closed;
}

} // namespace fobrig::sim
