// Who may do what on the web page. Loopback listeners trust the machine's own users, as the
// control socket trusts its group, but refuse other sites' pages (Origin) and other host names
// (DNS rebinding). Any other listener wants the token for every change. Reading is open; a
// read-only page changes nothing at all.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fobrig {

struct WebAccessSettings {
    bool loopback = true;
    bool read_only = false;
    std::string token;
};

// What a request shows of itself: its Host, Origin and token headers (empty when absent).
struct WebCaller {
    std::string_view host;
    std::string_view origin;
    std::string_view token;
};

struct WebRefusal {
    int status = 403;
    std::string code;
    std::string message;
};

// Whether an address is the machine's own: 127.0.0.0/8, ::1 or "localhost".
bool is_loopback_address(std::string_view address);

class WebAccess {
public:
    explicit WebAccess(WebAccessSettings settings) : settings_(std::move(settings)) {}

    // Any request, read or change: refused when it names a host this listener is not.
    std::optional<WebRefusal> check_host(const WebCaller& caller) const;
    // A change (POST): read-only mode, then the page's origin, then the token.
    std::optional<WebRefusal> check_change(const WebCaller& caller) const;

    bool read_only() const { return settings_.read_only; }
    bool token_required() const { return !settings_.loopback; }

private:
    WebAccessSettings settings_;
};

} // namespace fobrig
