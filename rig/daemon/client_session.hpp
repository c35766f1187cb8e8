// One connected client of the control socket: a reader that takes request lines and a writer
// that sends answers and events, each a coroutine, so that a slow or silent client holds up
// nobody else. What a client may cost the daemon is bounded in bytes: a client that pipelines
// requests is read no further until it has taken its answers, and one that lets events pile
// up is dropped.
#pragma once

// Boost 1.74's awaitable.hpp uses std::exchange without including <utility>.
#include <utility>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/steady_timer.hpp>
#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <string>

namespace fobrig {

class ClientSession : public std::enable_shared_from_this<ClientSession> {
public:
    using Handler = std::function<nlohmann::json(const std::string& line, ClientSession&)>;

    ClientSession(boost::asio::local::stream_protocol::socket socket, Handler handler);

    void start();
    // Sends `message` and closes, reading nothing: for a client that cannot be served.
    void refuse(const nlohmann::json& message);
    void stop();
    // Queues one message; a client whose unsent output is already over max_unsent_bytes is
    // dropped rather than letting it grow the daemon's memory.
    void deliver(const nlohmann::json& message);
    void subscribe() { subscribed_ = true; }
    bool subscribed() const { return subscribed_; }
    bool open() const { return socket_.is_open(); }

    // An answer or event is a few hundred bytes (a run's events about 13 KB), a run's record or
    // a campaign's report tens of kilobytes: this is many of either, and 25 MB for 100 clients.
    static constexpr std::size_t max_unsent_bytes = 256 * 1024;
    // The reader takes no further request while more than this waits to be sent.
    static constexpr std::size_t read_pause_bytes = 64 * 1024;

private:
    boost::asio::awaitable<void> read_requests();
    boost::asio::awaitable<void> write_messages();
    // Returns once the client has taken enough of its answers, or is gone.
    boost::asio::awaitable<void> wait_for_writer();
    std::size_t unsent_bytes() const { return pending_.size() + sending_.size(); }

    boost::asio::local::stream_protocol::socket socket_;
    boost::asio::steady_timer wake_writer_;
    boost::asio::steady_timer wake_reader_;
    Handler handler_;
    // Lines queued while `sending_` is on its way; one buffer each, not one per message.
    std::string pending_;
    std::string sending_;
    bool subscribed_ = false;
    bool closing_ = false; // send what is queued, then close
};

} // namespace fobrig
