// The daemon's own settings (/etc/fobrig/fobrig.toml): which rig, where procedures, state and
// the control socket live. Every key has a default, so no file at all serves the simulator.
#pragma once

#include "rig/config/load_result.hpp"
#include "rig/core/time.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace fobrig {

// Where the web page is served ([http] listen, or --http): "127.0.0.1:8370", "[::1]:8370",
// "0.0.0.0:8370", or "off".
struct HttpListen {
    bool enabled = true;
    std::string address = "127.0.0.1";
    int port = 8370; // 0: any free port (tests)
};

// Reads "ADDR:PORT" or "off"; nothing when the text is neither.
std::optional<HttpListen> parse_http_listen(std::string_view text);

struct HttpSettings {
    HttpListen listen;
    bool read_only = false; // pages without any control
};

// [fleet]: this rig as one of several on an MQTT broker (docs/fleet.md).
struct FleetSettings {
    std::string broker; // "mqtt://HOST:PORT" or "mqtts://HOST:PORT"
    std::string rig_id; // names its topics, and by default its broker user
    std::string username;
    std::filesystem::path password_file; // the password, on its first line
    std::filesystem::path ca_file;       // TLS: the shop's CA, this rig's certificate and key
    std::filesystem::path cert_file;
    std::filesystem::path key_file;
    int keepalive_s = 10; // the broker calls the rig lost about 1.5 times this after it went
    Duration heartbeat = seconds(2);
    bool operator==(const FleetSettings&) const = default;
};

struct DaemonConfig {
    std::filesystem::path rig;
    std::filesystem::path procedures;
    std::filesystem::path state_dir = "/var/lib/fobrig";
    std::filesystem::path socket = "/run/fobrig/fobrig.sock";
    std::string socket_group; // empty: the daemon's own group
    std::string log_level = "info";
    int realtime_priority = 50;
    HttpSettings http;
    // [safety] kept_driven_outputs: "refuse" (runs on GPIO lines are refused while the kernel
    // keeps a freed output driven, or may) or "warn" (they go ahead, with a warning).
    bool refuse_kept_driven_outputs = true;
    std::optional<FleetSettings> fleet; // none: a rig on its own
};

// Reads [daemon], [http], [safety] and [fleet] from `path` over `defaults`. A missing file is not
// an error when `must_exist` is false: the defaults stand.
LoadResult<DaemonConfig> load_daemon_config(const std::filesystem::path& path,
                                            const DaemonConfig& defaults, bool must_exist);

} // namespace fobrig
