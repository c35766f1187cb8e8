#include "rig/web/web_access.hpp"

#include "rig/web/web_token.hpp"

namespace fobrig {
namespace {

// "host:port" or "[v6]:port" without its port.
std::string_view host_name(std::string_view host) {
    if (!host.empty() && host.front() == '[') {
        const auto close = host.find(']');
        return close == std::string_view::npos ? host : host.substr(1, close - 1);
    }
    const auto colon = host.rfind(':');
    return colon == std::string_view::npos ? host : host.substr(0, colon);
}

} // namespace

bool is_loopback_address(std::string_view address) {
    return address == "localhost" || address == "::1" || address.starts_with("127.");
}

std::optional<WebRefusal> WebAccess::check_host(const WebCaller& caller) const {
    if (settings_.loopback && !is_loopback_address(host_name(caller.host))) {
        return WebRefusal{421, "wrong-host",
                          "this page answers to its loopback address only, not to \"" +
                              std::string(caller.host) + "\""};
    }
    return std::nullopt;
}

std::optional<WebRefusal> WebAccess::check_change(const WebCaller& caller) const {
    if (settings_.read_only) {
        return WebRefusal{403, "read-only", "this page is read-only: it changes nothing"};
    }
    const bool same_origin = caller.origin == "http://" + std::string(caller.host);
    if (!caller.origin.empty() && !same_origin) {
        return WebRefusal{403, "wrong-origin",
                          "a change must come from this page, not from " +
                              std::string(caller.origin)};
    }
    const bool token_ok = same_token(settings_.token, caller.token);
    if (token_required() && !token_ok) {
        return WebRefusal{403, "token",
                          "a change needs the page's token (fobrig web-url prints the address "
                          "with it)"};
    }
    // Without a token, only a page of this origin may change anything (not another program
    // that leaves Origin out).
    if (!token_ok && !same_origin) {
        return WebRefusal{403, "wrong-origin",
                          "a change must come from this page or carry the "
                          "token"};
    }
    return std::nullopt;
}

} // namespace fobrig
