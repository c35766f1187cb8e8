// One connection to the fleet's broker, over libmosquitto: MQTT 5, QoS 1, its own network
// thread that reconnects by itself. The handlers run on that thread; a daemon posts what they
// bring to its control loop (nothing here ever runs on a run's thread).
#pragma once

#include "rig/fleet/broker_address.hpp"

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <string>

struct mosquitto;

namespace fobrig::fleet {

struct MqttMessage {
    std::string topic;
    std::string payload;
    bool retained = false;
};

struct MqttOptions {
    std::string client_id;
    // The broker keeps the subscriptions and the QoS 1 messages for it while it is away, for
    // this long (zero: a clean session that ends with the connection).
    std::chrono::seconds session_expiry{};
    std::string username;
    std::string password;
    std::string ca_file; // TLS: the shop's CA, and this client's certificate and key
    std::string cert_file;
    std::string key_file;
    std::chrono::seconds keepalive{10};
    // Published by the broker, retained, when this client vanishes without disconnecting.
    std::optional<MqttMessage> will;
};

class MqttClient {
public:
    // connected: the broker accepted us (true) or the connection ended or was refused (false,
    // with why in words).
    using OnConnection = std::function<void(bool connected, const std::string& why)>;
    using OnMessage = std::function<void(const MqttMessage&)>;

    MqttClient(MqttOptions options, OnConnection on_connection, OnMessage on_message);
    ~MqttClient();
    MqttClient(const MqttClient&) = delete;
    MqttClient& operator=(const MqttClient&) = delete;

    // Connects in the background and keeps reconnecting; throws std::runtime_error for
    // settings libmosquitto refuses (a TLS file it cannot read).
    void start(const BrokerAddress& broker);
    // QoS 1. `expiry`: the broker drops the message if not delivered by then. False when the
    // client cannot queue it (not started, or stopped).
    bool publish(const std::string& topic, const std::string& payload, bool retain = false,
                 std::optional<std::chrono::seconds> expiry = std::nullopt);
    bool subscribe(const std::string& pattern);
    // Disconnects cleanly (the broker then publishes no will) and stops the thread.
    void stop();

private:
    friend struct MqttCallbacks; // libmosquitto's callbacks, in the .cpp

    MqttOptions options_;
    OnConnection on_connection_;
    OnMessage on_message_;
    mosquitto* client_ = nullptr;
    std::atomic<bool> started_ = false;
    bool refused_ = false; // on the network thread: the last connection attempt was refused
};

} // namespace fobrig::fleet
