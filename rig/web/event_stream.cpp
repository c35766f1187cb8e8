#include "rig/web/event_stream.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <spdlog/spdlog.h>

namespace fobrig {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

EventStream::EventStream(beast::tcp_stream stream)
    : socket_(std::move(stream)), outbox_(socket_.get_executor(), max_queued) {}

void EventStream::start(HttpRequest upgrade, std::string first) {
    asio::co_spawn(
        socket_.get_executor(),
        [self = shared_from_this(), upgrade = std::move(upgrade), first = std::move(first)] {
            return self->run(upgrade, first);
        },
        asio::detached);
}

void EventStream::deliver(std::string message) {
    if (!open_) {
        return;
    }
    // Events are lines on the socket; a WebSocket message needs no newline.
    if (!message.empty() && message.back() == '\n') {
        message.pop_back();
    }
    if (!outbox_.push(std::move(message))) {
        spdlog::warn("web page: dropping a browser that stopped reading ({} events queued)",
                     max_queued);
        stop();
    }
}

void EventStream::stop() {
    open_ = false;
    boost::system::error_code ignored;
    beast::get_lowest_layer(socket_).socket().close(ignored);
    outbox_.wake();
}

asio::awaitable<void> EventStream::run(HttpRequest upgrade, std::string first) {
    beast::get_lowest_layer(socket_).expires_never();
    socket_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    socket_.read_message_max(4096); // the page sends nothing; a stray message stays small
    boost::system::error_code error;
    co_await socket_.async_accept(upgrade, asio::redirect_error(asio::use_awaitable, error));
    if (error) {
        stop();
        co_return;
    }
    socket_.text(true);
    deliver(std::move(first));
    asio::co_spawn(
        socket_.get_executor(), [self = shared_from_this()] { return self->write_messages(); },
        asio::detached);
    // Reading notices a closing browser (and answers its pings); what it sends is ignored.
    beast::flat_buffer buffer;
    while (open_) {
        co_await socket_.async_read(buffer, asio::redirect_error(asio::use_awaitable, error));
        if (error) {
            stop();
            co_return;
        }
        buffer.consume(buffer.size());
    }
}

asio::awaitable<boost::system::error_code> EventStream::write_one(const std::string& message) {
    boost::system::error_code error;
    co_await socket_.async_write(asio::buffer(message),
                                 asio::redirect_error(asio::use_awaitable, error));
    co_return error;
}

asio::awaitable<void> EventStream::write_messages() {
    // Made before the co_await: gcc 12 refuses a lambda temporary in a coroutine's frame.
    const protocol::Outbox::Write write = std::bind_front(&EventStream::write_one, this);
    const std::function<bool()> gone = [this] { return !open_; };
    const std::function<bool()> never = [] { return false; };
    co_await outbox_.write_all(write, gone, never);
    stop();
}

} // namespace fobrig
