#include "rig/doctor/doctor.hpp"

#include "rig/config/daemon_config_file.hpp"
#include "rig/config/procedure_lookup.hpp"
#include "rig/config/rig_file.hpp"
#include "rig/doctor/access_checks.hpp"
#include "rig/doctor/gpio_checks.hpp"
#include "rig/doctor/realtime_checks.hpp"
#include "rig/doctor/system_checks.hpp"

#include <sys/resource.h>
#include <sys/utsname.h>
#include <unistd.h>

namespace fobrig {
namespace {

std::string diagnostics_text(const std::vector<Diagnostic>& errors) {
    std::string text;
    for (const Diagnostic& error : errors) {
        text += (text.empty() ? "" : "; ") + format(error);
    }
    return text;
}

DaemonConfig read_config(const DoctorOptions& options, std::vector<DoctorCheck>& checks) {
    const std::string file = options.config_file.string();
    std::error_code error;
    if (!std::filesystem::exists(options.config_file, error)) {
        checks.push_back({.check = "config",
                          .status = CheckStatus::warning,
                          .found = "no " + file + ": fobrigd's defaults apply, with no rig",
                          .fix = "the package installs it; from source: sudo mkdir -p "
                                 "/etc/fobrig && sudo cp packaging/fobrig.toml /etc/fobrig/, "
                                 "then name the rig in it"});
        return {};
    }
    LoadResult<DaemonConfig> config = load_daemon_config(options.config_file, {}, true);
    if (!config.ok()) {
        checks.push_back({.check = "config",
                          .status = CheckStatus::error,
                          .found = diagnostics_text(config.errors),
                          .fix = "correct " + file + ", then sudo systemctl reload fobrigd"});
        return {};
    }
    checks.push_back({.check = "config", .found = file});
    return *config.value;
}

std::optional<Rig> read_rig(const DoctorOptions& options, const DaemonConfig& config,
                            std::vector<DoctorCheck>& checks) {
    const auto refused = [&](const std::string& found, const std::string& fix) {
        checks.push_back(
            {.check = "rig", .status = CheckStatus::error, .found = found, .fix = fix});
        return std::nullopt;
    };
    std::filesystem::path file = options.rig_file;
    if (file.empty()) {
        if (config.rig.empty()) {
            return refused("no rig configured: fobrigd refuses every run",
                           "set `rig = ...` in " + options.config_file.string() + " (examples in " +
                               options.rigs_dir.string() + "), then sudo systemctl reload fobrigd");
        }
        try {
            file = find_rig(config.rig.string(), options.rigs_dir);
        } catch (const std::exception& e) {
            return refused(e.what(), "name a rig file, or one of " + options.rigs_dir.string());
        }
    }
    LoadResult<Rig> rig = load_rig_file(file);
    if (!rig.ok()) {
        return refused(diagnostics_text(rig.errors),
                       "correct the rig file (fobrig validate " + file.string() + ")");
    }
    checks.push_back({.check = "rig",
                      .found = rig.value->name + " from " + file.string() + ": " +
                               (rig.value->backend == "gpiod" ? "GPIO lines through libgpiod"
                                                              : "the simulated car")});
    return std::move(rig.value);
}

DoctorCheck kernel_of_this_machine() {
    utsname name{};
    ::uname(&name);
    return kernel_check(name.release, name.machine, name.version, FOBRIG_GPIOD_API);
}

unsigned long rtprio_limit() {
    rlimit limit{};
    ::getrlimit(RLIMIT_RTPRIO, &limit);
    return limit.rlim_cur == RLIM_INFINITY ? 99 : static_cast<unsigned long>(limit.rlim_cur);
}

} // namespace

std::vector<DoctorCheck> run_doctor(const DoctorOptions& options) {
    std::vector<DoctorCheck> checks{kernel_of_this_machine(),
                                    libgpiod_check(libgpiod_version(), FOBRIG_GPIOD_API)};
    const UserFacts user = this_user();
    const std::vector<ChipInfo> chips = list_chips(describe_gpiochip, options.root / "dev");
    for (DoctorCheck& check : chip_checks(chips, user)) {
        checks.push_back(std::move(check));
    }

    const DaemonConfig config = read_config(options, checks);
    const std::optional<Rig> rig = read_rig(options, config, checks);
    const std::filesystem::path socket = options.socket.value_or(config.socket);
    const int connect_error = try_connect(socket);
    if (rig) {
        for (DoctorCheck& check : rig_line_checks(*rig, chips, line_use, connect_error == 0)) {
            checks.push_back(std::move(check));
        }
    }
    checks.push_back(release_policy_check(platform::read_gpio_release_policy(options.root / "sys"),
                                          config.refuse_kept_driven_outputs,
                                          !rig || rig->backend == "gpiod"));

    const std::optional<UnitSettings> unit = read_unit(options.root);
    checks.push_back(unit_check(unit, config.realtime_priority));
    checks.push_back(
        rtprio_check(rtprio_limit(), ::geteuid() == 0, config.realtime_priority, unit.has_value()));

    const FileFacts socket_file = file_facts(socket);
    checks.push_back(groups_check(user, !config.socket_group.empty() || socket_file.error != 0
                                            ? config.socket_group
                                            : socket_file.group));
    checks.push_back(socket_check(socket, socket_file, connect_error, user));

    const FolderFacts state = read_folder(config.state_dir);
    checks.push_back(state_folder_check(config.state_dir, state,
                                        unit && !unit->user.empty() ? unit->user : "fobrig"));
    checks.push_back(state_space_check(config.state_dir, state));
    checks.push_back(clock_source_check(options.root / "sys"));
    return checks;
}

} // namespace fobrig
