#include "rig/doctor/realtime_checks.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace fobrig {
namespace {

constexpr const char* unit_folders[] = {"etc/systemd/system", "run/systemd/system",
                                        "usr/local/lib/systemd/system", "lib/systemd/system",
                                        "usr/lib/systemd/system"};

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos) {
        return "";
    }
    return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

// Reads the [Service] keys that grant privileges; a later assignment overrides, an empty
// AmbientCapabilities= clears the list, as systemd does.
void apply(const std::filesystem::path& file, UnitSettings& unit) {
    std::ifstream in(file);
    std::string line;
    bool service = false;
    while (std::getline(in, line)) {
        line = trimmed(line);
        if (line.empty() || line[0] == '#' || line[0] == ';') {
            continue;
        }
        if (line[0] == '[') {
            service = line == "[Service]";
            continue;
        }
        const auto equals = line.find('=');
        if (!service || equals == std::string::npos) {
            continue;
        }
        const std::string key = trimmed(line.substr(0, equals));
        const std::string value = trimmed(line.substr(equals + 1));
        if (key == "User") {
            unit.user = value;
        } else if (key == "LimitRTPRIO") {
            if (value == "infinity") {
                unit.rtprio = 99;
            } else if (!value.empty() && value.find_first_not_of("0123456789") == value.npos) {
                unit.rtprio = std::stoul(value.substr(0, 9));
            } else {
                unit.rtprio.reset();
            }
        } else if (key == "LimitMEMLOCK") {
            unit.memlock_unlimited = value == "infinity";
        } else if (key == "AmbientCapabilities") {
            if (value.empty()) {
                unit.capabilities.clear();
            }
            std::istringstream words(value);
            for (std::string word; words >> word;) {
                unit.capabilities.push_back(word);
            }
        }
    }
}

bool has(const UnitSettings& unit, const std::string& capability) {
    return std::ranges::find(unit.capabilities, capability) != unit.capabilities.end();
}

} // namespace

std::optional<UnitSettings> read_unit(const std::filesystem::path& root, const std::string& name) {
    std::optional<UnitSettings> unit;
    std::vector<std::filesystem::path> drop_ins;
    for (const char* folder : unit_folders) {
        const auto dir = root / folder;
        std::error_code error;
        if (!unit && std::filesystem::is_regular_file(dir / name, error)) {
            unit = UnitSettings{.file = dir / name};
            apply(unit->file, *unit);
        }
        for (const auto& entry : std::filesystem::directory_iterator(dir / (name + ".d"), error)) {
            if (entry.path().extension() == ".conf") {
                drop_ins.push_back(entry.path());
            }
        }
    }
    if (unit) {
        std::ranges::sort(drop_ins, {}, [](const auto& path) { return path.filename(); });
        for (const auto& drop_in : drop_ins) {
            apply(drop_in, *unit);
        }
    }
    return unit;
}

DoctorCheck unit_check(const std::optional<UnitSettings>& unit, int priority) {
    if (!unit) {
        return {.check = "service unit",
                .status = CheckStatus::warning,
                .found = "no fobrigd.service installed: fobrigd runs only when started by hand",
                .fix = "install the package (sudo apt install ./fobrig_VERSION_arm64.deb), or "
                       "see docs/install.md for a source install"};
    }
    const bool root = unit->user.empty() || unit->user == "root";
    std::vector<std::string> missing;
    if (!root && unit->rtprio.value_or(0) < static_cast<unsigned long>(priority) &&
        !has(*unit, "CAP_SYS_NICE")) {
        missing.push_back("SCHED_FIFO " + std::to_string(priority) + " (LimitRTPRIO=" +
                          (unit->rtprio ? std::to_string(*unit->rtprio) : "unset") +
                          ", no CAP_SYS_NICE)");
    }
    if (!root && !unit->memlock_unlimited && !has(*unit, "CAP_IPC_LOCK")) {
        missing.push_back("locked memory (LimitMEMLOCK not infinity, no CAP_IPC_LOCK)");
    }
    const std::string file = unit->file.string();
    if (missing.empty()) {
        return {.check = "service unit",
                .found =
                    file + " grants SCHED_FIFO " + std::to_string(priority) + " and locked memory"};
    }
    std::string what;
    for (const std::string& item : missing) {
        what += (what.empty() ? "" : "; ") + item;
    }
    return {.check = "service unit",
            .status = CheckStatus::warning,
            .found = file + " does not grant " + what +
                     ": runs go ahead, but edges may come late under load",
            .fix = "sudo systemctl edit fobrigd, add LimitRTPRIO=99, LimitMEMLOCK=infinity and "
                   "AmbientCapabilities=CAP_SYS_NICE CAP_IPC_LOCK under [Service], then sudo "
                   "systemctl restart fobrigd"};
}

DoctorCheck rtprio_check(unsigned long soft_limit, bool root, int priority, bool unit_installed) {
    const std::string found =
        "RLIMIT_RTPRIO " + std::to_string(soft_limit) + " for this shell" + (root ? " (root)" : "");
    if (root || soft_limit >= static_cast<unsigned long>(priority)) {
        return {.check = "real-time limit", .found = found};
    }
    if (unit_installed) {
        return {.check = "real-time limit",
                .found = found + ": the service's unit sets fobrigd's own; `--local` runs from "
                                 "here get no SCHED_FIFO"};
    }
    return {.check = "real-time limit",
            .status = CheckStatus::warning,
            .found = found +
                     ": a fobrigd or `--local` run started from here gets no "
                     "SCHED_FIFO " +
                     std::to_string(priority),
            .fix = "run fobrigd as the service (its unit sets LimitRTPRIO=99), or add the line "
                   "'@fobrig - rtprio 99' to /etc/security/limits.d/fobrig.conf and log in "
                   "again as a member of group fobrig"};
}

} // namespace fobrig
