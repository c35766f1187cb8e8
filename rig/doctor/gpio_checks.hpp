// The GPIO side: libgpiod, every gpiochip with its label and who may open it, and each line of
// the rig: its chip found, the line within the chip, and nobody else holding it.
#pragma once

#include "rig/core/rig_wiring.hpp"
#include "rig/doctor/access_checks.hpp"
#include "rig/doctor/doctor_check.hpp"
#include "rig/gpiod/chip_query.hpp"

#include <functional>
#include <string>
#include <vector>

namespace fobrig {

DoctorCheck libgpiod_check(const std::string& version, int api);

// One check per chip (`chips` as list_chips gives them): its label and line count, and whether
// fobrigd (a member of `daemon_group`) and this user may open its device. No chip at all: a
// warning that says so.
std::vector<DoctorCheck> chip_checks(const std::vector<ChipInfo>& chips, const UserFacts& user,
                                     const std::string& daemon_group = "gpio");

// What the kernel says of a line now (line_use, or a fake in tests).
using LineUseQuery = std::function<LineUse(const std::string& chip_path, unsigned offset)>;

// The consumer fobrigd (and fobrig's own commands) request lines as.
inline constexpr const char* fobrig_consumer = "fobrig";

// One check per line of the rig; a rig on the simulator has none to check. A line held by
// fobrig while `daemon_answers` is fobrigd's own: a warning (wiring-check needs it stopped).
std::vector<DoctorCheck> rig_line_checks(const Rig& rig, const std::vector<ChipInfo>& chips,
                                         const LineUseQuery& use_of, bool daemon_answers);

} // namespace fobrig
