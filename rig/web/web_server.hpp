// The workshop web page's server: HTTP and WebSocket on the daemon's own io_context, beside
// the control socket. Pages and the API come from WebRoutes; live events go to every browser
// that follows /api/events.
#pragma once

// Boost 1.74's awaitable.hpp uses std::exchange without including <utility>.
#include <utility>

#include "rig/config/daemon_config_file.hpp"
#include "rig/web/event_stream.hpp"
#include "rig/web/web_routes.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <filesystem>
#include <memory>
#include <vector>

namespace fobrig {

class WebServer {
public:
    // Listens at once; throws std::system_error naming the address when it cannot.
    WebServer(boost::asio::io_context& io, const HttpSettings& settings, std::string token,
              const std::filesystem::path& static_dir, WebRoutes::Requests requests);
    ~WebServer();
    WebServer(const WebServer&) = delete;
    WebServer& operator=(const WebServer&) = delete;

    void broadcast(const nlohmann::json& event);
    void close();
    unsigned short port() const { return port_; }

    // Connections at once (pages, API calls and event streams): more wait their turn refused.
    static constexpr std::size_t max_clients = 64;

    // What the server and its connections share; a connection may outlive the server by a
    // moment at shutdown.
    struct Hub {
        WebRoutes routes;
        std::vector<std::weak_ptr<EventStream>> streams;
        std::size_t connections = 0;
        bool open = true;
    };

private:
    boost::asio::awaitable<void> accept_clients();

    boost::asio::ip::tcp::acceptor acceptor_;
    unsigned short port_ = 0;
    std::shared_ptr<Hub> hub_;
};

} // namespace fobrig
