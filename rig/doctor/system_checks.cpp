#include "rig/doctor/system_checks.hpp"

#include <cstdio>
#include <fstream>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace fobrig {
namespace {

// "6.6.31+rpt-rpi-v8" -> {6, 6}; {0, 0} when it does not start with two numbers.
std::pair<int, int> major_minor(std::string_view release) {
    int major = 0;
    int minor = 0;
    if (std::sscanf(std::string(release).c_str(), "%d.%d", &major, &minor) != 2) {
        return {0, 0};
    }
    return {major, minor};
}

std::string first_line(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::string line;
    std::getline(in, line);
    return line;
}

std::string mebibytes(std::uintmax_t bytes) {
    return std::to_string(bytes / (1024 * 1024)) + " MiB";
}

} // namespace

DoctorCheck kernel_check(std::string_view release, std::string_view machine,
                         std::string_view version, int gpiod_api) {
    std::string found = "Linux " + std::string(release) + " " + std::string(machine);
    if (version.find("PREEMPT_RT") != std::string_view::npos) {
        found += ", PREEMPT_RT";
    }
    const std::pair<int, int> needed = gpiod_api >= 2 ? std::pair{5, 10} : std::pair{4, 8};
    const std::string needed_text =
        std::to_string(needed.first) + "." + std::to_string(needed.second);
    if (major_minor(release) < needed) {
        return {.check = "kernel",
                .status = CheckStatus::error,
                .found = found + ": libgpiod API " + std::to_string(gpiod_api) + " needs " +
                         needed_text + " or later",
                .fix = "update the kernel (sudo apt full-upgrade) and reboot"};
    }
    return {.check = "kernel", .found = found};
}

DoctorCheck clock_source_check(const std::filesystem::path& sys_root) {
    const auto folder = sys_root / "devices/system/clocksource/clocksource0";
    const std::string current = first_line(folder / "current_clocksource");
    if (current.empty()) {
        return {.check = "clock source",
                .status = CheckStatus::warning,
                .found = "cannot read " + (folder / "current_clocksource").string(),
                .fix = "edges are timed by CLOCK_MONOTONIC; check that /sys is mounted"};
    }
    if (current == "jiffies" || current == "refined-jiffies") {
        return {.check = "clock source",
                .status = CheckStatus::warning,
                .found = current + ": the clock moves in scheduler ticks (1 to 10 ms), so edges "
                                   "are timed and stamped no finer",
                .fix = "the kernel found no hardware timer (dmesg | grep -i clocksource); "
                       "available: " +
                       first_line(folder / "available_clocksource") +
                       "; choose one with clocksource=NAME on the kernel command line"};
    }
    return {.check = "clock source", .found = current};
}

DoctorCheck release_policy_check(const platform::GpioReleasePolicy& policy, bool refuse,
                                 bool rig_drives_lines) {
    std::string found = std::string(to_string(policy.policy)) + ": " + policy.detail;
    if (!policy.where.empty()) {
        found += " (" + policy.where + ")";
    }
    if (policy.policy == platform::ReleasePolicy::returned_to_input) {
        return {.check = "GPIO release policy", .found = found};
    }
    const std::string fix = policy.fix + "; see docs/wiring.md";
    if (refuse && rig_drives_lines) {
        return {.check = "GPIO release policy",
                .status = CheckStatus::error,
                .found = found + "; fobrigd refuses runs on GPIO lines ([safety] "
                                 "kept_driven_outputs = \"refuse\")",
                .fix = fix};
    }
    return {.check = "GPIO release policy",
            .status = CheckStatus::warning,
            .found = found,
            .fix = fix + " (the unit's ExecStopPost= safe-state opens them after a crash)"};
}

FolderFacts read_folder(const std::filesystem::path& folder) {
    FolderFacts facts;
    struct stat info {};
    if (::stat(folder.c_str(), &info) == 0) {
        facts.exists = true;
        facts.is_directory = S_ISDIR(info.st_mode);
        facts.writable = ::access(folder.c_str(), W_OK | X_OK) == 0;
        const passwd* user = ::getpwuid(info.st_uid);
        facts.owner = user != nullptr ? user->pw_name : std::to_string(info.st_uid);
    }
    // A missing folder's space is its parent's, where it will be made.
    std::filesystem::path where = folder;
    struct statvfs space {};
    while (::statvfs(where.c_str(), &space) != 0 && where.has_relative_path()) {
        where = where.parent_path();
    }
    facts.available_bytes = static_cast<std::uintmax_t>(space.f_bavail) * space.f_frsize;
    return facts;
}

DoctorCheck state_folder_check(const std::filesystem::path& folder, const FolderFacts& facts,
                               const std::string& service_user) {
    const std::string name = folder.string();
    if (!facts.exists) {
        return {.check = "state folder",
                .status = CheckStatus::warning,
                .found = name + " does not exist yet",
                .fix = "systemd makes it when fobrigd.service starts (StateDirectory=); for a "
                       "fobrigd started by hand: mkdir -p " +
                       name};
    }
    if (!facts.is_directory) {
        return {.check = "state folder",
                .status = CheckStatus::error,
                .found = name + " is not a folder",
                .fix = "move it away, or set state_dir in the config to a folder"};
    }
    if (facts.writable) {
        return {.check = "state folder",
                .found = name + ", owned by " + facts.owner + ", writable"};
    }
    if (facts.owner == service_user) {
        return {.check = "state folder",
                .found = name + ", owned by " + facts.owner + ", the service's user"};
    }
    return {.check = "state folder",
            .status = CheckStatus::error,
            .found = name + " is owned by " + facts.owner +
                     ": neither you nor the service's user " + service_user + " may write it",
            .fix = "sudo chown -R " + service_user + ": " + name};
}

DoctorCheck state_space_check(const std::filesystem::path& folder, const FolderFacts& facts) {
    const std::string found = mebibytes(facts.available_bytes) + " free for " + folder.string();
    const std::string fix = "free space on that file system (old runs are in " + folder.string() +
                            "/runs), or set state_dir to another one";
    if (facts.available_bytes < full_space_bytes) {
        return {.check = "state space",
                .status = CheckStatus::error,
                .found = found + ": the next run's record would not fit, and fobrigd refuses "
                                 "runs it cannot record",
                .fix = fix};
    }
    if (facts.available_bytes < low_space_bytes) {
        return {.check = "state space",
                .status = CheckStatus::warning,
                .found = found + ": under " + mebibytes(low_space_bytes),
                .fix = fix};
    }
    return {.check = "state space", .found = found};
}

} // namespace fobrig
