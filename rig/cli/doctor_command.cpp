#include "rig/cli/doctor_command.hpp"

#include "rig/cli/exit_codes.hpp"

#include <nlohmann/json.hpp>

#include <iostream>

namespace fobrig {

int doctor_command(const DoctorOptions& options, bool json) {
    const std::vector<DoctorCheck> checks = run_doctor(options);
    if (json) {
        std::cout << doctor_json(checks).dump(2) << '\n';
    } else {
        std::cout << doctor_text(checks);
    }
    return any_error(checks) ? exit_code::check_failed : exit_code::ok;
}

} // namespace fobrig
