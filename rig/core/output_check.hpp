// The outputs half of `fobrig wiring-check`: each output closed briefly, one at a time, and what
// its read-back contact (or, without one, the kernel's read of its line) and the car said.
#pragma once

#include "rig/core/backend.hpp"
#include "rig/core/clock.hpp"
#include "rig/core/contact_timing.hpp"
#include "rig/core/rig_wiring.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <vector>

namespace fobrig {

struct OutputCheckPlan {
    Duration pulse = milliseconds(300);  // never longer than the channel's max hold
    Duration settle = milliseconds(300); // after the release: the contact opens, the car answers
    // The kernel's read of an output line, where the backend offers one (libgpiod does); asked
    // for the outputs that have no read-back.
    std::function<bool(std::size_t channel)> read_line;
};

// The kernel's read of an output line, which says the line is driven, not that a contact moved.
struct LineRead {
    bool driven = false;   // while driven: true is right
    bool released = false; // right after the release: false is right
};

struct OutputCheck {
    std::size_t channel = 0;
    bool readback = false;                   // the channel has a read-back input
    std::optional<ContactTransition> close;  // the contact closing after the drive, if it did
    std::optional<ContactTransition> open;   // and opening after the release
    std::optional<LineRead> line;            // without read-back, where the backend reads lines
    std::vector<std::size_t> answers;        // sense inputs that changed: the car heard the fob
    std::vector<std::size_t> other_contacts; // channels whose read-back changed: miswired

    bool fault() const;
};

// One check per output, in rig order. Every output is released however this ends.
std::vector<OutputCheck> check_outputs(Backend& backend, Clock& clock, const Rig& rig,
                                       const OutputCheckPlan& plan);

} // namespace fobrig
