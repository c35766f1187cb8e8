#include "rig/doctor/doctor_check.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace fobrig {

const char* to_string(CheckStatus status) {
    switch (status) {
    case CheckStatus::warning:
        return "warning";
    case CheckStatus::error:
        return "error";
    case CheckStatus::ok:
        break;
    }
    return "ok";
}

bool any_error(const std::vector<DoctorCheck>& checks) {
    return std::ranges::any_of(
        checks, [](const DoctorCheck& check) { return check.status == CheckStatus::error; });
}

std::string doctor_text(const std::vector<DoctorCheck>& checks) {
    // The status in a column of its own, so that an eye (or grep) finds the errors.
    constexpr std::size_t status_width = 9;
    std::string text;
    for (const DoctorCheck& check : checks) {
        std::string status = to_string(check.status);
        status.resize(status_width, ' ');
        text += status + check.check + ": " + check.found + '\n';
        if (!check.fix.empty()) {
            text += std::string(status_width, ' ') + "fix: " + check.fix + '\n';
        }
    }
    return text;
}

nlohmann::json doctor_json(const std::vector<DoctorCheck>& checks) {
    nlohmann::json document = nlohmann::json::array();
    for (const DoctorCheck& check : checks) {
        document.push_back({{"check", check.check},
                            {"status", to_string(check.status)},
                            {"found", check.found},
                            {"fix", check.fix}});
    }
    return document;
}

} // namespace fobrig
