#include "rig/daemon/fleet_agent.hpp"

#include "rig/fleet/broker_address.hpp"
#include "rig/fleet/fleet_topics.hpp"

#include "rig/platform/monotonic_clock.hpp"

#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

#include <chrono>
#include <fstream>
#include <stdexcept>

namespace fobrig {

namespace {

// A command bigger than this is no command of ours: dropped unread.
constexpr std::size_t max_command_bytes = 64 * 1024;

// How often results not yet acknowledged are sent again.
constexpr Duration result_resend_period = std::chrono::seconds(5);

std::string password_from(const std::filesystem::path& file) {
    if (file.empty()) {
        return {};
    }
    std::ifstream in(file);
    std::string line;
    if (!in || !std::getline(in, line) || line.empty() || line.size() > 1024) {
        throw std::runtime_error(
            file.string() + ": [fleet] password_file must hold the password on its first line");
    }
    return line;
}

std::int64_t ms_of(Duration d) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
}

std::uint64_t boot_epoch() {
    return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                          std::chrono::system_clock::now().time_since_epoch())
                                          .count());
}

} // namespace

FleetAgent::FleetAgent(boost::asio::io_context& io, const FleetSettings& settings,
                       const std::filesystem::path& state_dir, RigStatus rig_status,
                       HolderRequest holder_request, LeaseChanged lease_changed)
    : io_(io), settings_(settings), rig_status_(std::move(rig_status)),
      holder_request_(std::move(holder_request)), lease_changed_(std::move(lease_changed)),
      epoch_(boot_epoch()), commands_(state_dir / "fleet-commands.sqlite"), heartbeat_(io),
      alive_(std::make_shared<FleetAgent*>(this)) {
    const auto broker = fleet::parse_broker_address(settings_.broker);
    if (!broker) {
        throw std::runtime_error("[fleet] broker: not an mqtt:// or mqtts:// address");
    }
    // The broker's thread hands everything to the control loop.
    const auto post = [this](auto handler) {
        boost::asio::post(io_, [alive = std::weak_ptr(alive_), handler = std::move(handler)] {
            if (alive.lock()) {
                handler();
            }
        });
    };
    client_ = std::make_unique<fleet::MqttClient>(
        fleet::MqttOptions{
            .client_id = "fobrig-rig-" + settings_.rig_id,
            // Commands sent while the rig is away wait for it at the broker (each with its
            // own expiry), for as long as a lease could last.
            .session_expiry = std::chrono::duration_cast<std::chrono::seconds>(fleet::max_lease),
            .username = settings_.username,
            .password = password_from(settings_.password_file),
            .ca_file = settings_.ca_file.string(),
            .cert_file = settings_.cert_file.string(),
            .key_file = settings_.key_file.string(),
            .keepalive = std::chrono::seconds(settings_.keepalive_s),
            .will = fleet::MqttMessage{.topic = fleet::status_topic(settings_.rig_id),
                                       .payload = presence("lost").dump()}},
        [post, this](bool connected, const std::string& why) {
            post([this, connected, why] { on_connection(connected, why); });
        },
        [post, this](const fleet::MqttMessage& message) {
            if (message.payload.size() > max_command_bytes) {
                return;
            }
            post([this, payload = message.payload] { on_command(payload); });
        });
    client_->start(*broker);
    spdlog::info("fobrigd: fleet: rig '{}' on {} (epoch {})", settings_.rig_id, settings_.broker,
                 epoch_);
    beat();
}

FleetAgent::~FleetAgent() {
    stop();
}

void FleetAgent::stop() {
    if (!client_) {
        return;
    }
    heartbeat_.cancel();
    client_->stop(fleet::MqttMessage{.topic = fleet::status_topic(settings_.rig_id),
                                     .payload = presence("offline").dump()});
    client_.reset();
}

std::string FleetAgent::lease_holder() const {
    return lease_.holder(platform::monotonic_now());
}

std::optional<Instant> FleetAgent::lease_end() const {
    return lease_.ends(platform::monotonic_now());
}

nlohmann::json FleetAgent::status() const {
    nlohmann::json status{{"rig_id", settings_.rig_id},
                          {"broker", settings_.broker},
                          {"connected", connected_},
                          {"epoch", epoch_},
                          {"lease", nullptr}};
    if (!connection_problem_.empty()) {
        status["problem"] = connection_problem_;
    }
    const Instant now = platform::monotonic_now();
    if (const std::string& holder = lease_.holder(now); !holder.empty()) {
        status["lease"] = {{"holder", holder}, {"remaining_ms", ms_of(lease_.remaining(now))}};
    }
    return status;
}

nlohmann::json FleetAgent::presence(std::string_view state) const {
    return {{"rig", settings_.rig_id},
            {"epoch", epoch_},
            {"state", state},
            {"heartbeat_ms", ms_of(settings_.heartbeat)}};
}

void FleetAgent::on_connection(bool connected, const std::string& why) {
    if (connected == connected_ && connected) {
        return;
    }
    connected_ = connected;
    connection_problem_ = connected ? std::string() : why;
    if (!connected) {
        spdlog::warn("fobrigd: fleet: {}", why);
        return;
    }
    spdlog::info("fobrigd: fleet: connected to {}", settings_.broker);
    client_->subscribe(fleet::command_topic(settings_.rig_id));
    publish_status(true);
    resend_results();
}

void FleetAgent::resend_results() {
    // Results the fleet's client has not acknowledged, perhaps never received: again, until it
    // does (a client that was away, or subscribed after our reconnection, gets them so).
    for (const std::string& result : commands_.unacknowledged_results()) {
        client_->publish(fleet::result_topic(settings_.rig_id), result);
    }
    results_resent_ = platform::monotonic_now();
}

void FleetAgent::event(const nlohmann::json& event) {
    if (event.value("event", "") != "campaign" || !event.contains("run")) {
        return;
    }
    const auto job = jobs_.find(event["run"].get<std::string>());
    if (job == jobs_.end()) {
        return;
    }
    const std::string result = nlohmann::json{{"job", job->second},
                                              {"rig", settings_.rig_id},
                                              {"epoch", epoch_},
                                              {"campaign", job->first},
                                              {"report", event.value("report", nlohmann::json())}}
                                   .dump();
    commands_.keep_result(job->second, result);
    jobs_.erase(job);
    client_->publish(fleet::result_topic(settings_.rig_id), result);
}

nlohmann::json FleetAgent::for_holder(const std::string& holder, const nlohmann::json& request) {
    const std::string& current = lease_.holder(platform::monotonic_now());
    if (holder.empty() || current != holder) {
        return {{"ok", false},
                {"error", current.empty() ? "no lease is held: lease the rig first"
                                          : "the rig is leased to " + current}};
    }
    nlohmann::json answer = holder_request_(request);
    if (!answer.value("ok", false)) {
        return {{"ok", false}, {"error", answer.value("message", std::string("refused"))}};
    }
    answer.erase("v");
    answer.erase("id");
    return answer;
}

void FleetAgent::beat() {
    if (connected_) {
        client_->publish(fleet::heartbeat_topic(settings_.rig_id),
                         nlohmann::json{{"epoch", epoch_}, {"beat", ++beats_}}.dump());
        publish_status(false);
        if (platform::monotonic_now() - results_resent_ >= result_resend_period) {
            resend_results();
        }
    }
    heartbeat_.expires_after(
        std::chrono::duration_cast<std::chrono::milliseconds>(settings_.heartbeat));
    heartbeat_.async_wait([this](const boost::system::error_code& error) {
        if (!error) {
            beat();
        }
    });
}

void FleetAgent::publish_status(bool always) {
    nlohmann::json status = presence("online");
    const nlohmann::json rig = rig_status_();
    for (const char* key : {"busy", "slots", "target", "run"}) {
        if (rig.contains(key)) {
            status[key] = rig[key];
        }
    }
    status["rig_file"] = rig.value("rig", nlohmann::json());
    const std::string& holder = lease_.holder(platform::monotonic_now());
    status["lease"] = holder.empty() ? nlohmann::json() : nlohmann::json{{"holder", holder}};
    std::string text = status.dump();
    if (always || text != last_status_) {
        client_->publish(fleet::status_topic(settings_.rig_id), text, true);
        last_status_ = std::move(text);
    }
}

void FleetAgent::on_command(const std::string& payload) {
    const nlohmann::json command = nlohmann::json::parse(payload, nullptr, false);
    if (!command.is_object() || !command.contains("id") || !command["id"].is_string() ||
        command["id"].get<std::string>().empty() || command["id"].get<std::string>().size() > 128) {
        spdlog::warn("fobrigd: fleet: a command without a usable id was dropped");
        return;
    }
    const std::string id = command["id"];
    nlohmann::json answer;
    if (const auto stored = commands_.answer_to(id)) {
        // Delivered again (QoS 1 is at least once): the first answer, nothing done twice.
        answer = nlohmann::json::parse(*stored);
        answer["duplicate"] = true;
    } else {
        answer = do_command(command);
        answer["id"] = id;
        answer["rig"] = settings_.rig_id;
        answer["epoch"] = epoch_;
        commands_.keep(id, answer.dump());
    }
    client_->publish(fleet::reply_topic(settings_.rig_id), answer.dump());
    publish_status(false);
}

nlohmann::json FleetAgent::do_command(const nlohmann::json& command) {
    const auto text = [&](const char* key) {
        const auto field = command.find(key);
        return field != command.end() && field->is_string() ? field->get<std::string>()
                                                            : std::string();
    };
    const auto refused = [](const std::string& why) {
        return nlohmann::json{{"ok", false}, {"error", why}};
    };
    const std::string kind = text("command");
    const Instant now = platform::monotonic_now();
    if (kind == "lease") {
        const auto length = command.find("lease_s");
        if (length == command.end() || !length->is_number_integer() || *length < 1 ||
            *length > std::chrono::duration_cast<std::chrono::seconds>(fleet::max_lease).count()) {
            return refused(
                "command 'lease': field 'lease_s' must be 1 to " +
                std::to_string(
                    std::chrono::duration_cast<std::chrono::seconds>(fleet::max_lease).count()));
        }
        if (rig_status_().value("busy", false) && lease_.holder(now).empty()) {
            return refused("the rig is busy with a run of its own");
        }
        if (const std::string why = lease_.grant(text("holder"), seconds(length->get<int>()), now);
            !why.empty()) {
            return refused(why);
        }
        lease_changed_(lease_.ends(now));
        return {{"ok", true},
                {"lease",
                 {{"holder", lease_.holder(now)}, {"remaining_ms", ms_of(lease_.remaining(now))}}}};
    }
    if (kind == "end-lease") {
        if (!lease_.end(text("holder"), now)) {
            return refused("'" + text("holder") + "' holds no lease");
        }
        lease_changed_(std::nullopt);
        return {{"ok", true}};
    }
    if (kind == "status") {
        return {{"ok", true}, {"status", status()}};
    }
    if (kind == "batch") {
        nlohmann::json request{{"request", "batch"}};
        for (const char* key : {"procedure", "keep", "spares", "labels", "verify_only"}) {
            if (command.contains(key)) {
                request[key] = command[key];
            }
        }
        nlohmann::json answer = for_holder(text("holder"), request);
        if (answer.value("ok", false)) {
            jobs_[answer.value("campaign", std::string())] = command["id"];
        }
        return answer;
    }
    if (kind == "abort") {
        return for_holder(text("holder"), {{"request", "abort"}});
    }
    if (kind == "ack-result") {
        return commands_.acknowledge(text("job"))
                   ? nlohmann::json{{"ok", true}}
                   : refused("no result of job '" + text("job") + "' is waiting");
    }
    return refused("unknown command '" + kind +
                   "' (lease, end-lease, status, batch, abort, ack-result)");
}

} // namespace fobrig
