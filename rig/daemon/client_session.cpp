#include "rig/daemon/client_session.hpp"

#include "rig/protocol/message.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <spdlog/spdlog.h>

namespace fobrig {

namespace asio = boost::asio;

ClientSession::ClientSession(asio::local::stream_protocol::socket socket, Handler handler)
    : socket_(std::move(socket)), handler_(std::move(handler)),
      outbox_(socket_.get_executor(), max_queued) {}

void ClientSession::start() {
    asio::co_spawn(
        socket_.get_executor(), [self = shared_from_this()] { return self->read_requests(); },
        asio::detached);
    asio::co_spawn(
        socket_.get_executor(), [self = shared_from_this()] { return self->write_messages(); },
        asio::detached);
}

void ClientSession::stop() {
    boost::system::error_code ignored;
    socket_.close(ignored);
    outbox_.wake();
}

void ClientSession::deliver(const nlohmann::json& message) {
    if (!socket_.is_open()) {
        return;
    }
    if (!outbox_.push(protocol::line(message))) {
        spdlog::warn("dropping a client that stopped reading ({} messages queued)", max_queued);
        stop();
    }
}

asio::awaitable<void> ClientSession::read_requests() {
    std::string buffer;
    while (socket_.is_open() && !closing_) {
        boost::system::error_code error;
        const std::size_t length = co_await asio::async_read_until(
            socket_, asio::dynamic_buffer(buffer, protocol::max_line), '\n',
            asio::redirect_error(asio::use_awaitable, error));
        if (error == asio::error::not_found) {
            // No newline within the limit: the stream cannot be resynchronised, so answer and
            // close this client only.
            deliver(protocol::refusal(nullptr, "line-too-long",
                                      "a request is one line of at most " +
                                          std::to_string(protocol::max_line) + " bytes"));
            closing_ = true;
            outbox_.wake();
            co_return;
        }
        if (error) {
            stop(); // the client went away; a run it started goes on
            co_return;
        }
        const std::string line = buffer.substr(0, length - 1);
        buffer.erase(0, length);
        deliver(handler_(line, *this));
    }
}

asio::awaitable<boost::system::error_code> ClientSession::write_one(const std::string& message) {
    boost::system::error_code error;
    co_await asio::async_write(socket_, asio::buffer(message),
                               asio::redirect_error(asio::use_awaitable, error));
    co_return error;
}

asio::awaitable<void> ClientSession::write_messages() {
    // Made before the co_await: gcc 12 refuses a lambda temporary in a coroutine's frame.
    const protocol::Outbox::Write write = std::bind_front(&ClientSession::write_one, this);
    const std::function<bool()> gone = [this] { return !socket_.is_open(); };
    const std::function<bool()> closing = [this] { return closing_; };
    co_await outbox_.write_all(write, gone, closing);
    stop();
}

} // namespace fobrig
