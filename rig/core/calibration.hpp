// Calibration of output channels from their read-back contacts: how long each switch takes to
// close and open after its line changes, and how long its contact bounces.
#pragma once

#include "rig/core/backend.hpp"
#include "rig/core/clock.hpp"
#include "rig/core/contact_timing.hpp"
#include "rig/core/rig_wiring.hpp"

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace fobrig {

struct Spread {
    Duration min{};
    Duration median{};
    Duration max{};
};

struct ChannelCalibration {
    std::size_t channel = 0;
    std::size_t commands = 0;      // commanded edges
    std::size_t followed = 0;      // those after which the contact settled at the commanded level
    std::optional<Spread> operate; // from closing the line to the contact's first touch
    std::optional<Spread> release; // from opening the line to the contact's first opening
    std::optional<Spread> bounce;  // from the first to the last contact change after a command
};

// The calibration of every channel that has a commanded edge, in channel order. The contact
// edges after a command, until the channel's next command, are that command's answer.
std::vector<ChannelCalibration> calibrate(std::span<const ChannelEdge> commanded,
                                          std::span<const ChannelEdge> contact);

struct CalibrationPresses {
    int presses = 20;
    Duration hold = milliseconds(50); // longer than any switch takes to close and settle
    Duration gap = milliseconds(50);
};

struct CalibrationEdges {
    std::vector<ChannelEdge> commanded; // stamped when the line change returned
    std::vector<ChannelEdge> contact;   // the backend's read-back edges
};

// Presses each output that has a read-back line, one at a time, `presses` times (never longer
// than its max hold), and collects what was commanded and what the contacts did. Every output
// is released however this ends.
CalibrationEdges press_for_calibration(Backend& backend, Clock& clock, const Rig& rig,
                                       const CalibrationPresses& plan);

} // namespace fobrig
