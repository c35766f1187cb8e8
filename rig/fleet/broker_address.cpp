#include "rig/fleet/broker_address.hpp"

#include <charconv>

namespace fobrig::fleet {

std::optional<BrokerAddress> parse_broker_address(std::string_view url) {
    BrokerAddress address;
    if (url.starts_with("mqtts://")) {
        address.tls = true;
        address.port = 8883;
        url.remove_prefix(8);
    } else if (url.starts_with("mqtt://")) {
        url.remove_prefix(7);
    } else {
        return std::nullopt;
    }
    std::string_view host = url;
    if (const auto colon = url.rfind(':');
        colon != std::string_view::npos && url.find(']', colon) == std::string_view::npos) {
        host = url.substr(0, colon);
        const std::string_view port = url.substr(colon + 1);
        const auto [end, error] =
            std::from_chars(port.data(), port.data() + port.size(), address.port);
        if (error != std::errc() || end != port.data() + port.size() || address.port < 1 ||
            address.port > 65535) {
            return std::nullopt;
        }
    }
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
    }
    if (host.empty() || host.find_first_of("/?# ") != std::string_view::npos) {
        return std::nullopt;
    }
    address.host = std::string(host);
    return address;
}

} // namespace fobrig::fleet
