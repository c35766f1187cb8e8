// Which chip each rig line is on, checked before anything is requested: chips are found by
// name, path, number or label, so that a rig file survives a renumbered gpiochip.
#pragma once

#include "rig/core/rig_wiring.hpp"
#include "rig/core/time.hpp"

#include <cstddef>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace fobrig {

// A line could not be requested; the message names the rig's line and why. Thrown before any
// line is driven.
class LineRequestError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct ChipInfo {
    std::string path;  // "/dev/gpiochip4"
    std::string label; // "pinctrl-rp1"
    unsigned num_lines = 0;
    std::string problem; // why the chip could not be opened, if it could not
};

// Every /dev/gpiochip*, in number order, described by `open_chip` (which may throw to say why
// a chip cannot be opened).
std::vector<ChipInfo> list_chips(const std::function<ChipInfo(const std::string& path)>& open_chip,
                                 const std::string& dev_dir = "/dev");

// The path of the chip `ref` names: "/dev/gpiochip0", "gpiochip0", "0" or a label.
// Throws LineRequestError, prefixed with `who`, when no chip or more than one matches.
std::string resolve_chip(const std::string& ref, const std::vector<ChipInfo>& chips,
                         const std::string& who);

struct PlannedLine {
    std::size_t index = 0; // the rig's output index, or its input index (Rig::readback_input)
    unsigned offset = 0;
    bool active_low = false;
    Duration debounce{};     // inputs only
    Bias bias = Bias::as_is; // inputs only
    std::string who;         // "slot 1 lock (chip 'fobrig-sim' line 3)", for error messages
};

// The lines of one chip, in rig order.
struct ChipPlan {
    std::string path;
    std::vector<PlannedLine> outputs;
    std::vector<PlannedLine> inputs;
};

// Every line of a rig, in the order the backends request them: outputs, sense inputs, then
// read-backs (inputs numbered after the senses).
struct RigLine {
    std::string user; // "slot 1 lock", "sense input 'lock'", "slot 1 lock's read-back"
    LineRef line;
    bool input = false;
    PlannedLine planned;
};
std::vector<RigLine> rig_lines(const Rig& rig);

// The chip a line is on; throws LineRequestError, prefixed with `who`, when the chip is unknown
// or cannot be opened, or has no such line.
const ChipInfo& chip_of(const LineRef& line, const std::vector<ChipInfo>& chips,
                        const std::string& who);

// Groups the rig's lines by chip; throws LineRequestError naming the first line whose chip is
// unknown or which the chip does not have.
std::vector<ChipPlan> plan_lines(const Rig& rig, const std::vector<ChipInfo>& chips);

// Throws line_busy for the first line of `plan` that another consumer holds.
void check_free(const ChipPlan& plan);

// The error for a line another consumer holds.
LineRequestError line_busy(const PlannedLine& line, const std::string& consumer);
// The kernel refused a request that the checks let through (a race with another process).
[[noreturn]] void request_refused(const std::vector<PlannedLine>& lines, const std::exception& e);

} // namespace fobrig
