// One connected client of the control socket: a reader that takes request lines and a writer
// that sends answers and events, each a coroutine, so that a slow or silent client holds up
// nobody else.
#pragma once

// Boost 1.74's awaitable.hpp uses std::exchange without including <utility>.
#include <utility>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <nlohmann/json.hpp>

#include "rig/protocol/outbox.hpp"

#include <functional>
#include <memory>
#include <string>

namespace fobrig {

class ClientSession : public std::enable_shared_from_this<ClientSession> {
public:
    using Handler = std::function<nlohmann::json(const std::string& line, ClientSession&)>;

    ClientSession(boost::asio::local::stream_protocol::socket socket, Handler handler);

    void start();
    void stop();
    // Queues one message; a client that lets this many pile up is dropped rather than
    // letting it grow the daemon's memory.
    void deliver(const nlohmann::json& message);
    void subscribe() { subscribed_ = true; }
    bool subscribed() const { return subscribed_; }
    bool open() const { return socket_.is_open(); }

    static constexpr std::size_t max_queued = 10000;

private:
    boost::asio::awaitable<void> read_requests();
    boost::asio::awaitable<void> write_messages();
    boost::asio::awaitable<boost::system::error_code> write_one(const std::string& message);

    boost::asio::local::stream_protocol::socket socket_;
    Handler handler_;
    protocol::Outbox outbox_;
    bool subscribed_ = false;
    bool closing_ = false; // send what is queued, then close
};

} // namespace fobrig
