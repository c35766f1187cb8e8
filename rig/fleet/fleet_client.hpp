// The fleet as a person's command sees it: connected to the broker as the fleet's client, it
// follows every rig's status and heartbeats and sends a rig commands, waiting for each one's
// answer by its id. Blocking, for the command line; the broker's thread fills it.
#pragma once

#include "rig/fleet/mqtt_client.hpp"
#include "rig/fleet/rig_presence.hpp"

#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace fobrig::fleet {

class FleetClient {
public:
    // Throws std::runtime_error when libmosquitto refuses the settings.
    FleetClient(const BrokerAddress& broker, MqttOptions options);
    ~FleetClient();
    FleetClient(const FleetClient&) = delete;
    FleetClient& operator=(const FleetClient&) = delete;

    // Waits up to `limit` for the broker to accept us; throws std::runtime_error saying why
    // as soon as it refuses (credentials) or cannot be reached, or after `limit`.
    void wait_connected(Duration limit);
    // Every rig heard of, after listening for `listen` (long enough for a heartbeat of each).
    std::vector<RigSeen> rigs_after(Duration listen);
    // Sends `command` (given an "id" if it has none) to `rig`, expiring at the broker after
    // `expiry`, and waits up to `limit` for the answer; none when it did not come.
    std::optional<nlohmann::json> send(const std::string& rig, nlohmann::json command,
                                       std::chrono::seconds expiry, Duration limit);
    // Every rig heard of, now.
    std::vector<RigSeen> rigs();
    // Job `job`'s result, once a rig has sent it (rigs send one again until acknowledged).
    std::optional<nlohmann::json> result(const std::string& job);
    // Tells `rig` that job `job`'s result is kept here, so that it stops sending it.
    void acknowledge_result(const std::string& rig, const std::string& job,
                            std::chrono::seconds expiry, Duration limit);
    // Every result heard, by job.
    std::map<std::string, nlohmann::json> results();
    // Waits up to `limit` for anything new from the broker.
    void wait_news(Duration limit);

private:
    void on_message(const MqttMessage& message);

    std::mutex mutex_;
    std::condition_variable changed_;
    bool connected_ = false;
    std::string problem_;
    FleetView view_;
    std::map<std::string, nlohmann::json> replies_; // by command id
    std::map<std::string, nlohmann::json> results_; // by job
    MqttClient client_;
};

// A fresh command id: unique across clients and restarts.
std::string new_command_id();

} // namespace fobrig::fleet
