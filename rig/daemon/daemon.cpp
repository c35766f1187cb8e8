#include "rig/daemon/daemon.hpp"

#include "rig/campaign/campaign_runner.hpp"
#include "rig/config/procedure_lookup.hpp"
#include "rig/config/rig_file.hpp"
#include "rig/gpiod/safe_state.hpp"
#include "rig/history/campaign_history.hpp"
#include "rig/protocol/request.hpp"
#include "rig/web/web_token.hpp"

#include <spdlog/spdlog.h>

#include <stdexcept>

#include <unistd.h>

namespace fobrig {

namespace {

template <class T> T loaded_or_throw(LoadResult<T> result) {
    if (!result.ok()) {
        std::string text;
        for (const auto& error : result.errors) {
            text += (text.empty() ? "" : "\n") + format(error);
        }
        throw std::runtime_error(text);
    }
    return std::move(*result.value);
}

Rig load_rig(const DaemonConfig& config, const std::filesystem::path& rigs_dir) {
    return loaded_or_throw(load_rig_file(find_rig(config.rig.string(), rigs_dir)));
}

// Said by status and by every refused run while no rig is configured; a fresh install never
// falls back to the simulated car.
std::string no_rig_text(const DaemonOptions& options) {
    return "no rig configured: set `rig = ...` in " + options.config_file.string() +
           " (examples in " + options.rigs_dir.string() + ")";
}

} // namespace

DaemonConfig load_config(const DaemonOptions& options) {
    DaemonConfig config = loaded_or_throw(
        load_daemon_config(options.config_file, options.defaults, options.config_file_given));
    if (options.socket) {
        config.socket = *options.socket;
    }
    if (options.state_dir) {
        config.state_dir = *options.state_dir;
    }
    if (options.rig) {
        config.rig = *options.rig;
    }
    if (options.http) {
        config.http.listen = *options.http;
    }
    return config;
}

Daemon::Daemon(boost::asio::io_context& io, DaemonOptions options)
    : io_(io), options_(std::move(options)), config_(load_config(options_)),
      server_(io_, config_.socket, config_.socket_group,
              [this](const std::string& line, ClientSession& client) {
                  return handle(line, &client);
              }) {
    // A crash may have left outputs driven (see gpio_release_policy.hpp): they are opened
    // before anything else, then taken up again by the hardware.
    read_release_policy();
    std::optional<Rig> rig;
    if (!config_.rig.empty()) {
        rig = load_rig(config_, options_.rigs_dir);
        if (rig->backend == "gpiod") {
            spdlog::info("fobrigd: safe state: {} outputs driven inactive and given back",
                         drive_safe_state(*rig));
        }
    }
    open_history();
    if (!rig) {
        spdlog::warn("fobrigd: {}", no_rig_text(options_));
    } else {
        attach(std::move(*rig));
    }
    spdlog::info("fobrigd: rig {} ({} slots), procedures in {}, state in {}, socket {}",
                 runs_ ? rig_.name : "none", rig_.slots.size(), config_.procedures.string(),
                 config_.state_dir.string(), config_.socket.string());
    start_web();
    join_fleet();
}

void Daemon::join_fleet() {
    if (!config_.fleet) {
        return;
    }
    fleet_ = std::make_unique<FleetAgent>(
        io_, *config_.fleet, config_.state_dir, [this] { return status(); },
        [this](const nlohmann::json& request) {
            for_lease_holder_ = true;
            if (runs_) {
                runs_->permit_next_run(fleet_->lease_end());
            }
            const nlohmann::json answer = handle(request.dump(), nullptr);
            for_lease_holder_ = false;
            if (runs_) {
                runs_->permit_next_run(std::nullopt); // when none was started
            }
            return answer;
        },
        [this](std::optional<Instant> ends) {
            if (runs_) {
                runs_->renew_permit(ends);
            }
        });
}

void Daemon::refuse_if_leased() const {
    if (!fleet_ || for_lease_holder_) {
        return;
    }
    if (const std::string holder = fleet_->lease_holder(); !holder.empty()) {
        throw protocol::RequestError(
            "leased", "this rig is leased to the fleet client '" + holder +
                          "': its runs come from the fleet until the lease ends (`fobrig fleet "
                          "status` shows it)");
    }
}

RunController& Daemon::runs() {
    if (!runs_) {
        throw protocol::RequestError("no-rig", no_rig_text(options_));
    }
    return *runs_;
}

nlohmann::json Daemon::status() const {
    nlohmann::json status = runs_ ? runs_->status()
                                  : nlohmann::json{{"busy", false},
                                                   {"rig", nullptr},
                                                   {"slots", nlohmann::json::array()},
                                                   {"no_rig", no_rig_text(options_)}};
    if (fleet_) {
        status["fleet"] = fleet_->status();
    }
    return status;
}

void Daemon::start_web() {
    if (!config_.http.listen.enabled) {
        return;
    }
    try {
        web_ = std::make_unique<WebServer>(
            io_, config_.http, load_or_make_web_token(config_.state_dir), options_.web_dir,
            [this](const std::string& line) { return handle(line, nullptr); });
        spdlog::info("fobrigd: web page on {}{}", web_url()["url"].get<std::string>(),
                     config_.http.read_only ? " (read-only)" : "");
    } catch (const std::exception& error) {
        spdlog::error("fobrigd: {}; the web page is off, the control socket works", error.what());
    }
}

nlohmann::json Daemon::web_url() const {
    if (!web_) {
        throw protocol::RequestError("web-off", "the web page is off ([http] listen, --http)");
    }
    std::string host = config_.http.listen.address;
    if (host == "0.0.0.0" || host == "::") {
        char name[256] = {};
        host = gethostname(name, sizeof name - 1) == 0 ? name : "localhost";
    } else if (host.find(':') != std::string::npos) {
        host = "[" + host + "]";
    }
    const std::string url = "http://" + host + ":" + std::to_string(web_->port()) + "/";
    const std::string token = load_or_make_web_token(config_.state_dir);
    return {{"url", url},
            {"url_with_token", url + "#token=" + token},
            {"read_only", config_.http.read_only}};
}

void Daemon::open_history() {
    try {
        auto history = std::make_unique<RunHistory>(config_.state_dir);
        for (const auto& run : history->recover_interrupted()) {
            spdlog::warn("run {} ({}) was cut off by a crash or power loss: now {}", run.id,
                         run.procedure_id, run.status);
        }
        CampaignHistory campaigns(history->database_file());
        if (const auto campaign = recover(campaigns)) {
            spdlog::warn("{}", campaign->text);
            interrupted_campaign_ = nlohmann::json{{"id", campaign->campaign_id},
                                                   {"procedure", campaign->procedure_id},
                                                   {"text", campaign->text}};
        }
        history_ = std::move(history);
        history_problem_.clear();
    } catch (const std::exception& error) {
        history_problem_ = std::string("the state folder cannot be used, so no run is "
                                       "started: ") +
                           error.what();
        spdlog::error("fobrigd: {}", history_problem_);
    }
}

RunHistory& Daemon::history() {
    if (!history_) {
        throw protocol::RequestError("state-unavailable", history_problem_);
    }
    return *history_;
}

void Daemon::attach(Rig rig) {
    sim::SimSetup sim_setup = sim::parse_sim_faults(options_.sim_faults, rig, options_.sim_car);
    auto hardware = open_hardware(rig, options_.virtual_time, sim_setup);
    runs_.reset(); // it refers to the rig and hardware it was made with
    rig_ = std::move(rig);
    sim_setup_ = std::move(sim_setup);
    hardware_ = std::move(hardware);
    runs_ = std::make_unique<RunController>(
        io_, rig_, config_.procedures, history_.get(), *hardware_,
        options_.virtual_time ? std::nullopt : std::optional(config_.realtime_priority),
        [this](const nlohmann::json& event) {
            server_.broadcast(event);
            if (fleet_) {
                fleet_->event(event);
            }
            if (web_) {
                web_->broadcast(event);
            }
        });
}

void Daemon::read_release_policy() {
    gpio_release_ = platform::read_gpio_release_policy(options_.sys_root);
    const std::string where = gpio_release_.where.empty() ? "" : " (" + gpio_release_.where + ")";
    if (gpio_release_.policy == platform::ReleasePolicy::returned_to_input) {
        spdlog::info("fobrigd: GPIO release policy: {}{}: {}", to_string(gpio_release_.policy),
                     where, gpio_release_.detail);
        return;
    }
    spdlog::warn("fobrigd: GPIO release policy: {}{}: {}; to fix: {}; runs on GPIO lines {}",
                 to_string(gpio_release_.policy), where, gpio_release_.detail, gpio_release_.fix,
                 config_.refuse_kept_driven_outputs ? "are refused ([safety] kept_driven_outputs)"
                                                    : "go ahead ([safety] kept_driven_outputs)");
}

void Daemon::refuse_if_release_unsafe() const {
    if (rig_.backend != "gpiod") {
        return;
    }
    if (const auto refusal =
            platform::release_policy_refusal(gpio_release_, config_.refuse_kept_driven_outputs)) {
        throw protocol::RequestError("unsafe-gpio-release", *refusal);
    }
}

nlohmann::json Daemon::release_policy_json() const {
    return {{"policy", to_string(gpio_release_.policy)},
            {"where", gpio_release_.where},
            {"detail", gpio_release_.detail},
            {"fix", gpio_release_.fix},
            {"runs_refused",
             rig_.backend == "gpiod" &&
                 platform::release_policy_refusal(gpio_release_, config_.refuse_kept_driven_outputs)
                     .has_value()}};
}

void Daemon::shutdown(std::function<void()> done) {
    if (fleet_) {
        fleet_->stop();
    }
    if (!runs_) {
        server_.close();
        done();
        return;
    }
    if (runs_->busy()) {
        spdlog::info("fobrigd: stopping: aborting the run in progress");
    }
    runs_->halt();
    runs_->when_idle([this, done = std::move(done)] {
        server_.close();
        if (web_) {
            web_->close();
        }
        done();
    });
}

std::string Daemon::reload() {
    if (runs_ && runs_->busy()) {
        throw protocol::RequestError("busy", "a run is going; reload after it ends");
    }
    DaemonConfig config = load_config(options_);
    std::optional<Rig> rig;
    if (!config.rig.empty()) {
        rig = load_rig(config, options_.rigs_dir);
    }
    if (config.socket != config_.socket || config.state_dir != config_.state_dir) {
        spdlog::warn("fobrigd: a new socket or state folder takes effect at the next start");
        config.socket = config_.socket;
        config.state_dir = config_.state_dir;
    }
    if (config.fleet != config_.fleet) {
        spdlog::warn("fobrigd: a new [fleet] takes effect at the next start");
        config.fleet = config_.fleet;
    }
    // The lines are let go before the new rig asks for them (it may want the same ones); if
    // the new rig cannot be had, the old one is taken up again and nothing has changed.
    const bool had_rig = runs_ != nullptr;
    runs_.reset();
    hardware_.reset();
    if (!history_) {
        open_history();
    }
    if (!rig) {
        config_ = std::move(config);
        rig_ = {};
        spdlog::warn("fobrigd: reloaded: {}", no_rig_text(options_));
        return no_rig_text(options_);
    }
    try {
        std::swap(config_, config);
        read_release_policy();
        attach(std::move(*rig));
    } catch (const std::exception& error) {
        std::swap(config_, config);
        if (had_rig) {
            attach(rig_);
        }
        throw protocol::RequestError("invalid-config", std::string("reload refused, the rig is "
                                                                   "unchanged: ") +
                                                           error.what());
    }
    const std::string text = "rig " + rig_.name + " (" + std::to_string(rig_.slots.size()) +
                             " slots), procedures in " + config_.procedures.string();
    spdlog::info("fobrigd: reloaded: {}", text);
    return text;
}

} // namespace fobrig
