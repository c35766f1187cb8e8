// The checks on the machine itself: the kernel, its clock source, what it does with a freed
// GPIO output, and the state folder. Each reads from what it is given (a sysfs root, a folder's
// facts), so that tests can feed a fake tree.
#pragma once

#include "rig/doctor/doctor_check.hpp"
#include "rig/platform/gpio_release_policy.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace fobrig {

// uname's release, machine and version ("#1 SMP PREEMPT_RT ..."). An error below the kernel
// the libgpiod API needs (the GPIO character device: 4.8 for API 1, its v2 interface: 5.10
// for API 2).
DoctorCheck kernel_check(std::string_view release, std::string_view machine,
                         std::string_view version, int gpiod_api);

// sys_root/devices/system/clocksource/clocksource0/current_clocksource: a warning on jiffies
// (edges timed to the scheduler's tick) or when it cannot be read.
DoctorCheck clock_source_check(const std::filesystem::path& sys_root);

// What the kernel does with a freed output (rig/platform/gpio_release_policy.hpp), and what
// fobrigd makes of it: an error when it refuses runs on GPIO lines for it (`refuse`, a rig
// that drives lines), a warning when it may hold a contact after a crash but runs go ahead.
DoctorCheck release_policy_check(const platform::GpioReleasePolicy& policy, bool refuse,
                                 bool rig_drives_lines);

struct FolderFacts {
    bool exists = false;
    bool is_directory = false;
    bool writable = false;              // by this process
    std::string owner;                  // user name, or uid when it has none
    std::uintmax_t available_bytes = 0; // to an unprivileged user, on the folder's file system
                                        // (its nearest existing parent's when it is missing)
};

FolderFacts read_folder(const std::filesystem::path& folder);

// The state folder: ok when it is a folder this process or the service's user may write, or
// it does not exist yet and systemd makes it (StateDirectory=).
DoctorCheck state_folder_check(const std::filesystem::path& folder, const FolderFacts& facts,
                               const std::string& service_user);

// Below low_space_bytes a warning, below full_space_bytes an error: fobrigd refuses a run
// whose record cannot be written.
inline constexpr std::uintmax_t low_space_bytes = 100ULL * 1024 * 1024;
inline constexpr std::uintmax_t full_space_bytes = 1024ULL * 1024;
DoctorCheck state_space_check(const std::filesystem::path& folder, const FolderFacts& facts);

} // namespace fobrig
