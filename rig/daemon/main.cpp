// fobrigd: the rig's daemon. Serves the control socket, runs one procedure at a time, keeps
// the history; SIGTERM/SIGINT abort a run and exit cleanly, SIGHUP reloads the config.
#include "rig/daemon/daemon.hpp"
#include "rig/version/version.hpp"
#include "sim/car_models.hpp"
#include "sim/fault_options.hpp"

#include <CLI/CLI.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/sinks/systemd_sink.h>
#include <spdlog/spdlog.h>
#include <systemd/sd-daemon.h>

#include <csignal>
#include <cstdlib>

namespace {

namespace asio = boost::asio;

// Under systemd the journal keeps the log, with levels; elsewhere a terminal does.
void set_up_logging(const std::string& level) {
    const bool under_systemd = std::getenv("JOURNAL_STREAM") || std::getenv("INVOCATION_ID");
    std::shared_ptr<spdlog::logger> logger;
    if (under_systemd) {
        logger = std::make_shared<spdlog::logger>(
            "fobrigd", std::make_shared<spdlog::sinks::systemd_sink_mt>("fobrigd"));
    } else {
        logger = spdlog::stderr_color_mt("fobrigd");
        logger->set_pattern("%H:%M:%S.%e %^%l%$ %v");
    }
    logger->set_level(spdlog::level::from_str(level));
    spdlog::set_default_logger(logger);
}

void watch_signals(asio::signal_set& signals, fobrig::Daemon& daemon, asio::io_context& io) {
    signals.async_wait([&](const boost::system::error_code& error, int number) {
        if (error) {
            return;
        }
        if (number == SIGHUP) {
            try {
                daemon.reload();
            } catch (const std::exception& refused) {
                spdlog::warn("fobrigd: SIGHUP: not reloaded: {}", refused.what());
            }
            watch_signals(signals, daemon, io);
            return;
        }
        spdlog::info("fobrigd: {} received, stopping", number == SIGTERM ? "SIGTERM" : "SIGINT");
        sd_notify(0, "STOPPING=1");
        daemon.shutdown([&io] { io.stop(); });
    });
}

// Pings systemd's watchdog from the control loop, so a stuck loop gets the daemon restarted;
// during a run only while the run's thread beats, so a stalled run's thread gets the daemon
// killed too (and the unit's ExecStopPost= opens every output).
void keep_watchdog_fed(asio::steady_timer& timer, std::chrono::microseconds interval,
                       fobrig::Daemon& daemon) {
    if (daemon.run_thread_beating()) {
        sd_notify(0, "WATCHDOG=1");
    } else {
        spdlog::error("fobrigd: the run's thread has not beaten for {} ms: systemd's watchdog "
                      "is left to stop the daemon",
                      std::chrono::duration_cast<std::chrono::milliseconds>(interval / 2).count());
    }
    timer.expires_after(interval / 2);
    timer.async_wait([&timer, interval, &daemon](const boost::system::error_code& error) {
        if (!error) {
            keep_watchdog_fed(timer, interval, daemon);
        }
    });
}

} // namespace

int main(int argc, char** argv) {
    fobrig::DaemonOptions options;
    options.rigs_dir = FOBRIG_DATA_DIR "/rigs";
    options.defaults.procedures = FOBRIG_DATA_DIR "/procedures";
    options.web_dir = FOBRIG_WEB_DIR;

    CLI::App app{"fobrigd: the fobrig rig daemon"};
    app.set_version_flag("--version", std::string("fobrigd ") + fobrig::version);
    std::string config_file;
    std::string log_level;
    app.add_option("--config", config_file, "Config file (default /etc/fobrig/fobrig.toml)");
    app.add_option("--socket", options.socket, "Control socket path, over the config");
    app.add_option("--state-dir", options.state_dir,
                   "State folder (runs, history), over the config");
    auto* rig = app.add_option("--rig", options.rig,
                               "Rig file or a shipped rig's name (e.g. sim-2), over the config");
    bool simulated = false;
    app.add_flag("--sim", simulated, "Run the simulated car with eight fob slots (rig sim-8)")
        ->excludes(rig);
    app.add_option("--log-level", log_level, "trace, debug, info, warn or error")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}));
    app.add_flag("--virtual-time", options.virtual_time,
                 "Run the simulated car in virtual time: runs end at once (for tests)");
    app.add_option("--sim-fault", options.sim_faults,
                   "A simulated fault: " + std::string(fobrig::sim::fault_kinds));
    app.add_option("--sim-car", options.sim_car,
                   "The simulated car (default mini-r50): " + fobrig::sim::car_model_ids())
        ->check([](const std::string& id) { return fobrig::sim::unknown_car_model(id); });
    app.add_option_function<std::string>(
           "--http",
           [&options](const std::string& text) {
               options.http = fobrig::parse_http_listen(text);
               if (!options.http) {
                   throw CLI::ValidationError("--http",
                                              "'" + text + "' is not ADDRESS:PORT or off");
               }
           },
           "The web page's address, e.g. 127.0.0.1:8370 or 0.0.0.0:8370, or off; over the "
           "config")
        ->type_name("ADDR:PORT|off");
    // Tests read the GPIO release policy from a fake tree.
    app.add_option("--sys-root", options.sys_root)->group("");
    CLI11_PARSE(app, argc, argv);
    if (simulated) {
        options.rig = "sim-8";
    }
    if (!config_file.empty()) {
        options.config_file = config_file;
        options.config_file_given = true;
    }
    try {
        // The command line's level, else the config file's.
        set_up_logging(log_level.empty() ? fobrig::load_config(options).log_level : log_level);
        asio::io_context io;
        fobrig::Daemon daemon(io, options);
        asio::signal_set signals(io, SIGINT, SIGTERM, SIGHUP);
        watch_signals(signals, daemon, io);
        asio::steady_timer watchdog(io);
        std::uint64_t watchdog_usec = 0;
        if (sd_watchdog_enabled(0, &watchdog_usec) > 0) {
            keep_watchdog_fed(watchdog, std::chrono::microseconds(watchdog_usec), daemon);
        }
        sd_notify(0, "READY=1");
        io.run();
        spdlog::info("fobrigd: stopped");
        return EXIT_SUCCESS;
    } catch (const std::exception& error) {
        if (!spdlog::get("fobrigd")) {
            set_up_logging("info");
        }
        spdlog::error("fobrigd: {}", error.what());
        return EXIT_FAILURE;
    }
}
