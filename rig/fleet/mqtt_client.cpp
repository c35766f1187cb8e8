#include "rig/fleet/mqtt_client.hpp"

#include <mosquitto.h>
#include <mqtt_protocol.h>

#include <stdexcept>
#include <utility>

namespace fobrig::fleet {

namespace {

// libmosquitto's global set-up, once for the process, before the first client.
void init_library() {
    static const int once = [] {
        mosquitto_lib_init();
        return 0;
    }();
    (void)once;
}

std::string refused_text(int reason) {
    return reason == MQTT_RC_NOT_AUTHORIZED || reason == MQTT_RC_BAD_USERNAME_OR_PASSWORD
               ? std::string("the broker refused our credentials (") +
                     mosquitto_reason_string(reason) + ")"
               : std::string("the broker refused the connection: ") +
                     mosquitto_reason_string(reason);
}

// Owns a property list for one call.
struct Properties {
    mosquitto_property* list = nullptr;
    Properties() = default;
    Properties(const Properties&) = delete;
    Properties& operator=(const Properties&) = delete;
    ~Properties() { mosquitto_property_free_all(&list); }
};

} // namespace

struct MqttCallbacks {
    static void connected(mosquitto*, void* self, int reason, int, const mosquitto_property*) {
        auto& client = *static_cast<MqttClient*>(self);
        client.refused_ = reason != 0;
        client.on_connection_(reason == 0, reason == 0 ? std::string() : refused_text(reason));
    }
    static void disconnected(mosquitto*, void* self, int rc, const mosquitto_property*) {
        auto& client = *static_cast<MqttClient*>(self);
        // The broker closes a connection it refused: the refusal said why.
        if (std::exchange(client.refused_, false)) {
            return;
        }
        client.on_connection_(false,
                              rc == 0 ? "disconnected"
                                      : std::string("connection lost: ") + mosquitto_strerror(rc));
    }
    static void received(mosquitto*, void* self, const mosquitto_message* message,
                         const mosquitto_property*) {
        auto& client = *static_cast<MqttClient*>(self);
        client.on_message_({.topic = message->topic,
                            .payload = std::string(static_cast<const char*>(message->payload),
                                                   static_cast<std::size_t>(message->payloadlen)),
                            .retained = message->retain});
    }
};

MqttClient::MqttClient(MqttOptions options, OnConnection on_connection, OnMessage on_message)
    : options_(std::move(options)), on_connection_(std::move(on_connection)),
      on_message_(std::move(on_message)) {
    init_library();
    const bool clean = options_.session_expiry.count() == 0;
    client_ = mosquitto_new(options_.client_id.c_str(), clean, this);
    if (client_ == nullptr) {
        throw std::runtime_error("cannot make an MQTT client");
    }
    mosquitto_int_option(client_, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V5);
    mosquitto_connect_v5_callback_set(client_, &MqttCallbacks::connected);
    mosquitto_disconnect_v5_callback_set(client_, &MqttCallbacks::disconnected);
    mosquitto_message_v5_callback_set(client_, &MqttCallbacks::received);
    mosquitto_reconnect_delay_set(client_, 1, 10, true);
}

MqttClient::~MqttClient() {
    stop();
    mosquitto_destroy(client_);
}

void MqttClient::start(const BrokerAddress& broker) {
    const auto check = [](int rc, const char* what) {
        if (rc != MOSQ_ERR_SUCCESS) {
            throw std::runtime_error(std::string(what) + ": " + mosquitto_strerror(rc));
        }
    };
    if (!options_.username.empty()) {
        check(mosquitto_username_pw_set(client_, options_.username.c_str(),
                                        options_.password.empty() ? nullptr
                                                                  : options_.password.c_str()),
              "MQTT credentials");
    }
    if (broker.tls || !options_.ca_file.empty()) {
        const auto file = [](const std::string& path) {
            return path.empty() ? nullptr : path.c_str();
        };
        check(mosquitto_tls_set(client_, file(options_.ca_file), nullptr, file(options_.cert_file),
                                file(options_.key_file), nullptr),
              "MQTT TLS files");
    }
    if (options_.will) {
        check(mosquitto_will_set_v5(client_, options_.will->topic.c_str(),
                                    static_cast<int>(options_.will->payload.size()),
                                    options_.will->payload.data(), 1, true, nullptr),
              "MQTT last will");
    }
    Properties connect;
    if (options_.session_expiry.count() > 0) {
        mosquitto_property_add_int32(&connect.list, MQTT_PROP_SESSION_EXPIRY_INTERVAL,
                                     static_cast<std::uint32_t>(options_.session_expiry.count()));
    }
    // A broker that is not there yet is no error: the network thread keeps trying.
    const int rc = mosquitto_connect_bind_v5(client_, broker.host.c_str(), broker.port,
                                             static_cast<int>(options_.keepalive.count()), nullptr,
                                             connect.list);
    if (rc != MOSQ_ERR_SUCCESS) {
        on_connection_(false, std::string("cannot reach the broker: ") + mosquitto_strerror(rc));
    }
    // Before the thread: its first callback may already subscribe or publish.
    started_ = true;
    if (const int loop = mosquitto_loop_start(client_); loop != MOSQ_ERR_SUCCESS) {
        started_ = false;
        check(loop, "MQTT network thread");
    }
}

bool MqttClient::publish(const std::string& topic, const std::string& payload, bool retain,
                         std::optional<std::chrono::seconds> expiry) {
    if (!started_) {
        return false;
    }
    Properties properties;
    if (expiry) {
        mosquitto_property_add_int32(&properties.list, MQTT_PROP_MESSAGE_EXPIRY_INTERVAL,
                                     static_cast<std::uint32_t>(expiry->count()));
    }
    return mosquitto_publish_v5(client_, nullptr, topic.c_str(), static_cast<int>(payload.size()),
                                payload.data(), 1, retain, properties.list) == MOSQ_ERR_SUCCESS;
}

bool MqttClient::subscribe(const std::string& pattern) {
    return started_ && mosquitto_subscribe_v5(client_, nullptr, pattern.c_str(), 1, 0, nullptr) ==
                           MOSQ_ERR_SUCCESS;
}

void MqttClient::stop() {
    if (!started_) {
        return;
    }
    started_ = false;
    mosquitto_disconnect_v5(client_, MQTT_RC_NORMAL_DISCONNECTION, nullptr);
    mosquitto_loop_stop(client_, false);
}

} // namespace fobrig::fleet
