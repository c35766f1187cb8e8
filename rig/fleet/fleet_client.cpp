#include "rig/fleet/fleet_client.hpp"

#include "rig/fleet/fleet_topics.hpp"
#include "rig/platform/monotonic_clock.hpp"

#include <chrono>
#include <random>
#include <stdexcept>

namespace fobrig::fleet {

std::string new_command_id() {
    std::random_device random;
    std::uniform_int_distribution<std::uint64_t> any;
    const std::uint64_t bits = any(random);
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(bits));
    return text;
}

FleetClient::FleetClient(const BrokerAddress& broker, MqttOptions options)
    : client_(
          std::move(options),
          [this](bool connected, const std::string& why) {
              // Subscribed before anyone may send: the broker takes a client's packets in
              // order, so no answer comes before the subscription that receives it.
              if (connected) {
                  for (const char* kind : {"status", "heartbeat", "reply", "result"}) {
                      client_.subscribe(every_rig(kind));
                  }
              }
              {
                  const std::lock_guard lock(mutex_);
                  connected_ = connected;
                  problem_ = why;
              }
              changed_.notify_all();
          },
          [this](const MqttMessage& message) { on_message(message); }) {
    client_.start(broker);
}

FleetClient::~FleetClient() {
    client_.stop();
}

void FleetClient::wait_connected(Duration limit) {
    std::unique_lock lock(mutex_);
    if (!changed_.wait_for(lock, limit, [this] { return connected_ || !problem_.empty(); }) ||
        !connected_) {
        throw std::runtime_error(problem_.empty()
                                     ? "the broker did not answer within " + duration_text(limit)
                                     : problem_);
    }
}

void FleetClient::on_message(const MqttMessage& message) {
    const TopicParts parts = parse_topic(message.topic);
    nlohmann::json body = nlohmann::json::parse(message.payload, nullptr, false);
    if (parts.rig.empty() || body.is_discarded() || !body.is_object()) {
        return;
    }
    {
        const std::lock_guard lock(mutex_);
        if (parts.kind == "status") {
            view_.status(parts.rig, body, platform::monotonic_now());
        } else if (parts.kind == "heartbeat") {
            view_.heartbeat(parts.rig, body, platform::monotonic_now());
        } else if (parts.kind == "reply" && body.contains("id") && body["id"].is_string()) {
            std::string id = body["id"];
            replies_[std::move(id)] = std::move(body);
        } else if (parts.kind == "result" && body.contains("job") && body["job"].is_string()) {
            std::string job = body["job"];
            results_[std::move(job)] = std::move(body);
        }
    }
    changed_.notify_all();
}

std::vector<RigSeen> FleetClient::rigs_after(Duration listen) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, listen, [] { return false; });
    return view_.rigs(platform::monotonic_now());
}

std::optional<nlohmann::json> FleetClient::send(const std::string& rig, nlohmann::json command,
                                                std::chrono::seconds expiry, Duration limit) {
    if (!command.contains("id")) {
        command["id"] = new_command_id();
    }
    const std::string id = command["id"];
    if (!client_.publish(command_topic(rig), command.dump(), false, expiry)) {
        return std::nullopt; // not even queued (the client stopping): no answer will come
    }
    std::unique_lock lock(mutex_);
    if (!changed_.wait_for(lock, limit, [&] { return replies_.contains(id); })) {
        return std::nullopt;
    }
    return replies_[id];
}

std::vector<RigSeen> FleetClient::rigs() {
    const std::lock_guard lock(mutex_);
    return view_.rigs(platform::monotonic_now());
}

std::optional<nlohmann::json> FleetClient::result(const std::string& job) {
    const std::lock_guard lock(mutex_);
    const auto found = results_.find(job);
    if (found == results_.end()) {
        return std::nullopt;
    }
    return found->second;
}

void FleetClient::acknowledge_result(const std::string& rig, const std::string& job,
                                     std::chrono::seconds expiry, Duration limit) {
    send(rig, {{"command", "ack-result"}, {"job", job}}, expiry, limit);
}

std::map<std::string, nlohmann::json> FleetClient::results() {
    const std::lock_guard lock(mutex_);
    return results_;
}

void FleetClient::wait_news(Duration limit) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, limit);
}

} // namespace fobrig::fleet
