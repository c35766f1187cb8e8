// Where the fleet's broker listens, as a config file or a command line names it:
// "mqtt://HOST:PORT" (plain, 1883 when no port is given) or "mqtts://HOST:PORT" (TLS, 8883).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fobrig::fleet {

struct BrokerAddress {
    std::string host;
    int port = 1883;
    bool tls = false;
};

// The address, or nothing when `url` is not of either form.
std::optional<BrokerAddress> parse_broker_address(std::string_view url);

} // namespace fobrig::fleet
