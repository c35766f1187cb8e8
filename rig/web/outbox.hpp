// Messages waiting for one peer (a control-socket client, a browser): queued without ever
// blocking the daemon's loop, written one at a time by a coroutine, and bounded, so that a
// peer that stops reading is dropped rather than let grow the daemon's memory.
#pragma once

// Boost 1.74's awaitable.hpp uses std::exchange without including <utility>.
#include <utility>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/system/error_code.hpp>

#include <deque>
#include <functional>
#include <string>

namespace fobrig::protocol {

class Outbox {
public:
    using Write =
        std::function<boost::asio::awaitable<boost::system::error_code>(const std::string&)>;

    Outbox(const boost::asio::any_io_executor& executor, std::size_t limit);

    // Queues a message; false, queueing nothing, when `limit` are already waiting.
    bool push(std::string message);
    // Has the writer look at its conditions again (the peer is closing, say).
    void wake() { wake_.cancel(); }

    // Writes each message in order with `write`, waiting for more, and returns when `gone()`,
    // when `closing()` and nothing is left, or when a write fails.
    boost::asio::awaitable<void> write_all(Write write, std::function<bool()> gone,
                                           std::function<bool()> closing);

private:
    boost::asio::steady_timer wake_;
    std::deque<std::string> queue_;
    std::size_t limit_;
};

} // namespace fobrig::protocol
