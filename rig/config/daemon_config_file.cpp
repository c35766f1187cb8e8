#include "rig/config/daemon_config_file.hpp"

#include "rig/config/toml_reader.hpp"
#include "rig/fleet/broker_address.hpp"
#include "rig/fleet/fleet_topics.hpp"

namespace fobrig {

using namespace toml_reading;

namespace {

void read_path(TableReader& table, std::string_view key, std::filesystem::path& into) {
    if (const auto value = table.string(key, Need::optional)) {
        into = *value;
    }
}

void read_daemon(TableReader& daemon, DaemonConfig& config) {
    read_path(daemon, "rig", config.rig);
    read_path(daemon, "procedures", config.procedures);
    read_path(daemon, "state_dir", config.state_dir);
    read_path(daemon, "socket", config.socket);
    config.socket_group = daemon.string("socket_group", Need::optional).value_or("");
    const std::vector<std::string_view> levels{"trace", "debug", "info", "warn", "error"};
    if (const auto level = daemon.choice("log_level", levels, Need::optional)) {
        config.log_level = levels[*level];
    }
    if (const auto priority = daemon.integer("realtime_priority", Need::optional, 1, 99)) {
        config.realtime_priority = static_cast<int>(*priority);
    }
    daemon.reject_unknown_fields();
}

void read_http(TableReader& http, HttpSettings& settings) {
    if (const auto listen = http.string("listen", Need::optional)) {
        if (const auto parsed = parse_http_listen(*listen)) {
            settings.listen = *parsed;
        } else {
            http.error("listen",
                       "'listen' in " + http.what() +
                           " must be ADDRESS:PORT (\"127.0.0.1:8370\") or \"off\", not \"" +
                           *listen + "\"");
        }
    }
    settings.read_only = http.boolean("read_only", settings.read_only);
    http.reject_unknown_fields();
}

void read_fleet(TableReader& fleet, FleetSettings& settings) {
    if (const auto broker = fleet.string("broker")) {
        settings.broker = *broker;
        if (!fleet::parse_broker_address(*broker)) {
            fleet.error("broker", "'broker' in " + fleet.what() +
                                      " must be mqtt://HOST:PORT or mqtts://HOST:PORT, not \"" +
                                      *broker + "\"");
        }
    }
    if (const auto id = fleet.string("rig_id")) {
        settings.rig_id = *id;
        if (const std::string problem = fleet::rig_id_problem(*id); !problem.empty()) {
            fleet.error("rig_id", "'rig_id' in " + fleet.what() + ": " + problem);
        }
    }
    settings.username = fleet.string("username", Need::optional).value_or(settings.rig_id);
    read_path(fleet, "password_file", settings.password_file);
    read_path(fleet, "ca_file", settings.ca_file);
    read_path(fleet, "cert_file", settings.cert_file);
    read_path(fleet, "key_file", settings.key_file);
    if (const auto keepalive = fleet.integer("keepalive_s", Need::optional, 5, 600)) {
        settings.keepalive_s = static_cast<int>(*keepalive);
    }
    if (const auto heartbeat =
            fleet.duration("heartbeat_ms", Need::optional, {.max = std::chrono::minutes(1)})) {
        settings.heartbeat = *heartbeat;
    }
    fleet.reject_unknown_fields();
}

} // namespace

std::optional<HttpListen> parse_http_listen(std::string_view text) {
    if (text == "off") {
        return HttpListen{.enabled = false};
    }
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size()) {
        return std::nullopt;
    }
    std::string_view address = text.substr(0, colon);
    if (address.front() == '[' && address.back() == ']') {
        address = address.substr(1, address.size() - 2);
    }
    int port = 0;
    for (const char c : text.substr(colon + 1)) {
        if (c < '0' || c > '9' || port > 65535) {
            return std::nullopt;
        }
        port = port * 10 + (c - '0');
    }
    if (port > 65535 || address.empty()) {
        return std::nullopt;
    }
    return HttpListen{.enabled = true, .address = std::string(address), .port = port};
}

LoadResult<DaemonConfig> load_daemon_config(const std::filesystem::path& path,
                                            const DaemonConfig& defaults, bool must_exist) {
    if (!must_exist && !std::filesystem::exists(path)) {
        return {defaults, {}};
    }
    LoadResult<std::string> text = read_text_file(path);
    if (!text.ok()) {
        return {std::nullopt, std::move(text.errors)};
    }
    return read_document<DaemonConfig>(
        *text.value, path.string(), [&](TableReader& root, DaemonConfig& config) {
            config = defaults;
            if (auto safety = root.subtable("safety", "[safety]", Need::optional)) {
                const std::vector<std::string_view> choices{"refuse", "warn"};
                if (const auto kept =
                        safety->choice("kept_driven_outputs", choices, Need::optional)) {
                    config.refuse_kept_driven_outputs = *kept == 0;
                }
                safety->reject_unknown_fields();
            }
            if (auto daemon = root.subtable("daemon", "[daemon]", Need::optional)) {
                read_daemon(*daemon, config);
            }
            if (auto http = root.subtable("http", "[http]", Need::optional)) {
                read_http(*http, config.http);
            }
            if (auto fleet = root.subtable("fleet", "[fleet]", Need::optional)) {
                read_fleet(*fleet, config.fleet.emplace());
            }
        });
}

} // namespace fobrig
