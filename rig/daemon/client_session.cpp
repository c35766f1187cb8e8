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

namespace {

constexpr auto never = std::chrono::steady_clock::time_point::max();

} // namespace

ClientSession::ClientSession(asio::local::stream_protocol::socket socket, Handler handler)
    : socket_(std::move(socket)), wake_writer_(socket_.get_executor()),
      wake_reader_(socket_.get_executor()), handler_(std::move(handler)) {
    wake_writer_.expires_at(never);
    wake_reader_.expires_at(never);
}

void ClientSession::start() {
    asio::co_spawn(
        socket_.get_executor(), [self = shared_from_this()] { return self->read_requests(); },
        asio::detached);
    asio::co_spawn(
        socket_.get_executor(), [self = shared_from_this()] { return self->write_messages(); },
        asio::detached);
}

void ClientSession::refuse(const nlohmann::json& message) {
    deliver(message);
    closing_ = true;
    asio::co_spawn(
        socket_.get_executor(), [self = shared_from_this()] { return self->write_messages(); },
        asio::detached);
}

void ClientSession::stop() {
    boost::system::error_code ignored;
    socket_.close(ignored);
    wake_writer_.cancel();
    wake_reader_.cancel();
}

void ClientSession::deliver(const nlohmann::json& message) {
    if (!socket_.is_open()) {
        return;
    }
    if (unsent_bytes() > max_unsent_bytes) {
        spdlog::warn("dropping a client that stopped reading ({} bytes unsent)", unsent_bytes());
        stop();
        return;
    }
    pending_ += protocol::line(message);
    wake_writer_.cancel_one();
}

asio::awaitable<void> ClientSession::wait_for_writer() {
    while (socket_.is_open() && unsent_bytes() > read_pause_bytes) {
        boost::system::error_code ignored;
        co_await wake_reader_.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
    }
}

asio::awaitable<void> ClientSession::read_requests() {
    std::string buffer;
    while (socket_.is_open() && !closing_) {
        co_await wait_for_writer();
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
            wake_writer_.cancel_one();
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

asio::awaitable<void> ClientSession::write_messages() {
    while (socket_.is_open()) {
        if (pending_.empty()) {
            if (closing_) {
                stop();
                co_return;
            }
            boost::system::error_code ignored;
            co_await wake_writer_.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
            continue;
        }
        std::swap(sending_, pending_);
        boost::system::error_code error;
        co_await asio::async_write(socket_, asio::buffer(sending_),
                                   asio::redirect_error(asio::use_awaitable, error));
        if (error) {
            stop();
            co_return;
        }
        // A big buffer is given back rather than kept for a client that may stay idle.
        if (sending_.capacity() > read_pause_bytes) {
            std::string().swap(sending_);
        }
        sending_.clear();
        wake_reader_.cancel_one();
    }
}

} // namespace fobrig
