// `fobrig doctor [--config FILE | --rig FILE] [--json]`: what to check first on a Pi, one line
// per check (ok, warning or error, what was found, and the fix). Drives nothing.
#pragma once

#include "rig/doctor/doctor.hpp"

namespace fobrig {

// exit_code::ok when no check found an error, else exit_code::check_failed.
int doctor_command(const DoctorOptions& options, bool json);

} // namespace fobrig
