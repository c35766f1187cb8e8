// fobrigd as one object: its subsystems come up in dependency order (config, rig, history,
// hardware, runs, control socket) and, as members, go down in reverse.
#pragma once

#include "rig/config/daemon_config_file.hpp"
#include "rig/core/rig_wiring.hpp"
#include "rig/daemon/control_server.hpp"
#include "rig/daemon/fleet_agent.hpp"
#include "rig/daemon/rig_hardware.hpp"
#include "rig/daemon/run_controller.hpp"
#include "rig/history/run_history.hpp"
#include "rig/platform/gpio_release_policy.hpp"
#include "rig/protocol/request.hpp"
#include "rig/web/web_server.hpp"
#include "sim/fault_options.hpp"

#include <boost/asio/io_context.hpp>

#include <functional>
#include <memory>

namespace fobrig {

// What the command line says, over the config file.
struct DaemonOptions {
    std::filesystem::path config_file = "/etc/fobrig/fobrig.toml";
    bool config_file_given = false;
    std::optional<std::filesystem::path> socket;
    std::optional<std::filesystem::path> state_dir;
    std::optional<std::filesystem::path> rig; // a file, or a rig's name in rigs_dir
    std::filesystem::path rigs_dir;           // the shipped rigs
    bool virtual_time = false;
    std::vector<std::string> sim_faults;
    std::string sim_car;                     // empty: the default simulated car
    std::optional<HttpListen> http;          // --http ADDR:PORT or off
    std::filesystem::path web_dir;           // the web page's static files
    DaemonConfig defaults;                   // what a key missing from the config file means
    std::filesystem::path sys_root = "/sys"; // where the kernel's GPIO release policy is read
};

// Reads the config file and the rig it names, with the options' overrides; throws
// std::runtime_error with every problem, each naming its file and line.
DaemonConfig load_config(const DaemonOptions& options);

class Daemon {
public:
    Daemon(boost::asio::io_context& io, DaemonOptions options);

    // Aborts a run still going, waits until it is recorded, then closes the socket and calls
    // `done`.
    void shutdown(std::function<void()> done);
    // Re-reads the config and the rig; refused while a run is going. Returns what changed.
    std::string reload();
    // See RunController::run_thread_beating(); with no rig configured there is no run.
    bool run_thread_beating() { return !runs_ || runs_->run_thread_beating(); }

private:
    // `client`: the control socket's client, or null for the web page (which follows events
    // its own way and is never told the token).
    nlohmann::json handle(const std::string& line, ClientSession* client);
    nlohmann::json dispatch(const protocol::Request& request, ClientSession* client);
    nlohmann::json start_run(const protocol::Request& request, RunMode mode);
    nlohmann::json list_runs(const protocol::Request& request);
    nlohmann::json show_run(const protocol::Request& request);
    nlohmann::json start_batch(const protocol::Request& request);
    nlohmann::json list_fobs(const protocol::Request& request);
    // The run controller, or a refusal saying how to configure a rig when there is none.
    RunController& runs();
    nlohmann::json status() const;
    // {"run": RUN, "fobs": [...]}: what the car should hold after the newest program run.
    nlohmann::json key_table_json();
    // Opens `rig`'s hardware and a run controller on it, replacing the current ones only once
    // both are there. The current hardware must be closed first when both use the same lines.
    void attach(Rig rig);
    // Serves the web page when the config asks for it; a page that cannot be served is logged
    // and left off, the rig and the socket work without it.
    void start_web();
    // Joins the fleet when the config has [fleet]; a broker that cannot be reached is logged
    // and retried, the rig works on its own meanwhile.
    void join_fleet();
    // Throws RequestError while a fleet client holds the rig: its runs come from the fleet.
    void refuse_if_leased() const;
    nlohmann::json web_url() const;
    // Opens the history and recovers what a crash left in it; on a full or unwritable state
    // disk, keeps the reason instead, so that the daemon still starts and says why it refuses
    // runs (rather than exit and be restarted over and over). Tried again by each reload.
    void open_history();
    // The history, or a refusal naming why there is none.
    RunHistory& history();
    // Reads and logs the kernel's GPIO release policy.
    void read_release_policy();
    // Throws RequestError when runs on this rig's GPIO lines are refused (see [safety]).
    void refuse_if_release_unsafe() const;
    nlohmann::json release_policy_json() const;

    boost::asio::io_context& io_;
    DaemonOptions options_;
    DaemonConfig config_;
    Rig rig_;
    platform::GpioReleasePolicy gpio_release_;
    sim::SimSetup sim_setup_;
    std::unique_ptr<RunHistory> history_;
    std::string history_problem_; // why there is no history_
    std::unique_ptr<RigHardware> hardware_;
    std::unique_ptr<RunController> runs_;                // none until a rig is configured
    std::optional<nlohmann::json> interrupted_campaign_; // told to every status until resumed
    ControlServer server_;
    std::unique_ptr<WebServer> web_;
    std::unique_ptr<FleetAgent> fleet_; // with [fleet] only
};

} // namespace fobrig
