// The control socket: a Unix domain socket that accepts clients and tells subscribers what
// happens. It owns the socket file: created at start, removed at the end.
#pragma once

#include "rig/daemon/client_session.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>

#include <filesystem>
#include <memory>
#include <vector>

namespace fobrig {

class ControlServer {
public:
    // Throws std::system_error naming the path when it cannot listen there (another daemon
    // already answers on it, something other than a socket is there, or the folder is not
    // writable).
    ControlServer(boost::asio::io_context& io, std::filesystem::path path, std::string group,
                  ClientSession::Handler handler);
    ~ControlServer();
    ControlServer(const ControlServer&) = delete;
    ControlServer& operator=(const ControlServer&) = delete;

    void broadcast(const nlohmann::json& event);
    void close();

    // Each client may cost up to ClientSession::max_unsent_bytes and a descriptor; one more
    // is told so and closed. The unit's LimitNOFILE leaves room for these and the rig's lines.
    static constexpr std::size_t max_clients = 100;

private:
    boost::asio::awaitable<void> accept_clients();

    std::filesystem::path path_;
    boost::asio::local::stream_protocol::acceptor acceptor_;
    ClientSession::Handler handler_;
    std::vector<std::weak_ptr<ClientSession>> sessions_;
};

} // namespace fobrig
