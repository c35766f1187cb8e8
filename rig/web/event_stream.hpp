// One browser following the rig's events over a WebSocket: the same events as the control
// socket's subscribers get, one JSON text message each. A browser that stops reading is
// dropped, never buffered without end.
#pragma once

// Boost 1.74's awaitable.hpp uses std::exchange without including <utility>.
#include <utility>

#include "rig/web/outbox.hpp"
#include "rig/web/web_routes.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>

#include <memory>
#include <string>

namespace fobrig {

class EventStream : public std::enable_shared_from_this<EventStream> {
public:
    explicit EventStream(boost::beast::tcp_stream stream);

    // Completes the upgrade, sends `first`, then whatever is delivered.
    void start(HttpRequest upgrade, std::string first);
    void deliver(std::string message);
    void stop();
    bool open() const { return open_; }

    static constexpr std::size_t max_queued = 2000;

private:
    boost::asio::awaitable<void> run(HttpRequest upgrade, std::string first);
    boost::asio::awaitable<void> write_messages();
    boost::asio::awaitable<boost::system::error_code> write_one(const std::string& message);

    boost::beast::websocket::stream<boost::beast::tcp_stream> socket_;
    protocol::Outbox outbox_;
    bool open_ = true;
};

} // namespace fobrig
