// This rig as one of a fleet: its presence on the broker (a retained status with its boot
// epoch, a heartbeat, a Last Will saying "lost"), the lease it grants a fleet client and ends
// by itself, and the commands it is sent, each answered once (docs/fleet.md). Everything runs
// on the daemon's control loop; the broker's network thread only posts to it, and no run's
// thread ever waits for the broker.
#pragma once

#include "rig/config/daemon_config_file.hpp"
#include "rig/fleet/command_log.hpp"
#include "rig/fleet/lease.hpp"
#include "rig/fleet/mqtt_client.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>

namespace fobrig {

class FleetAgent {
public:
    // What the daemon says of the rig (its status request's answer), and whether a run
    // (a client's, or the fleet's) is going.
    using RigStatus = std::function<nlohmann::json()>;
    // The daemon's answer to a control request made for the lease's holder (past the lease's
    // refusal of other clients): {"ok": true, ...} or {"ok": false, "message": ...}.
    using HolderRequest = std::function<nlohmann::json(const nlohmann::json& request)>;
    // The lease was granted, renewed (its new end) or ended (none).
    using LeaseChanged = std::function<void(std::optional<Instant> ends)>;

    // Throws std::runtime_error for settings that cannot work (an unreadable password file).
    FleetAgent(boost::asio::io_context& io, const FleetSettings& settings,
               const std::filesystem::path& state_dir, RigStatus rig_status,
               HolderRequest holder_request, LeaseChanged lease_changed);
    ~FleetAgent();
    FleetAgent(const FleetAgent&) = delete;
    FleetAgent& operator=(const FleetAgent&) = delete;

    // Who holds the rig now; empty when no fleet client does.
    std::string lease_holder() const;
    // When the lease ends, if one is held.
    std::optional<Instant> lease_end() const;
    // For the daemon's status: the rig id, the broker, whether connected, the lease.
    nlohmann::json status() const;
    // Says "offline" (retained) and leaves the broker cleanly, so that no will is published.
    void stop();
    // Each event the daemon tells its clients: a fleet job's campaign ending is its result.
    void event(const nlohmann::json& event);

private:
    void on_connection(bool connected, const std::string& why);
    void on_command(const std::string& payload);
    nlohmann::json do_command(const nlohmann::json& command);
    nlohmann::json presence(std::string_view state) const;
    // Publishes the status when it changed (a run began or ended, the lease), and a heartbeat.
    void beat();
    void publish_status(bool always);
    void resend_results();
    // Runs a control request for the lease's holder `holder`; refused when it holds none.
    nlohmann::json for_holder(const std::string& holder, const nlohmann::json& request);

    boost::asio::io_context& io_;
    FleetSettings settings_;
    RigStatus rig_status_;
    HolderRequest holder_request_;
    LeaseChanged lease_changed_;
    std::map<std::string, std::string> jobs_; // a fleet job's campaign id -> its command id
    std::uint64_t epoch_;                     // this boot's: a restarted rig speaks with a new one
    fleet::CommandLog commands_;
    fleet::Lease lease_;
    boost::asio::steady_timer heartbeat_;
    std::uint64_t beats_ = 0;
    Instant results_resent_{};
    bool connected_ = false;
    std::string connection_problem_;
    std::string last_status_; // as last published
    // Handlers posted from the broker's thread run only while this lives.
    std::shared_ptr<FleetAgent*> alive_;
    std::unique_ptr<fleet::MqttClient> client_;
};

} // namespace fobrig
