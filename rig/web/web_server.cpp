#include "rig/web/web_server.hpp"

#include "rig/protocol/message.hpp"
#include "rig/protocol/request.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <spdlog/spdlog.h>

#include <system_error>

namespace fobrig {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;
using namespace std::chrono_literals;

namespace {

// A client that takes longer than this to send a request or read an answer is cut off.
constexpr auto exchange_timeout = 30s;

tcp::acceptor listen_on(asio::io_context& io, const HttpListen& listen) {
    boost::system::error_code error;
    const auto address =
        asio::ip::make_address(listen.address == "localhost" ? "127.0.0.1" : listen.address, error);
    if (error) {
        throw std::system_error(std::make_error_code(std::errc::invalid_argument),
                                "web page: \"" + listen.address + "\" is not an IP address");
    }
    const tcp::endpoint endpoint(address, static_cast<unsigned short>(listen.port));
    tcp::acceptor acceptor(io);
    acceptor.open(endpoint.protocol(), error);
    if (!error) {
        acceptor.set_option(tcp::acceptor::reuse_address(true), error);
        acceptor.bind(endpoint, error);
    }
    if (!error) {
        acceptor.listen(asio::socket_base::max_listen_connections, error);
    }
    if (error) {
        throw std::system_error(error.value(), std::generic_category(),
                                "web page: cannot listen on " + listen.address + ":" +
                                    std::to_string(listen.port));
    }
    return acceptor;
}

// Counts a connection for as long as it lives.
struct Counted {
    explicit Counted(std::shared_ptr<WebServer::Hub> hub) : hub(std::move(hub)) {
        ++this->hub->connections;
    }
    ~Counted() { --hub->connections; }
    Counted(const Counted&) = delete;
    Counted& operator=(const Counted&) = delete;
    std::shared_ptr<WebServer::Hub> hub;
};

asio::awaitable<void> refuse_busy(tcp::socket socket) {
    static constexpr std::string_view busy =
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 24\r\n"
        "Connection: close\r\n\r\ntoo many clients at once";
    // The stream's own timeout: a client that does not take even this is cut off.
    beast::tcp_stream stream(std::move(socket));
    stream.expires_after(5s);
    boost::system::error_code error;
    co_await asio::async_write(stream, asio::buffer(busy),
                               asio::redirect_error(asio::use_awaitable, error));
    stream.close();
}

asio::awaitable<void> serve(tcp::socket socket, std::shared_ptr<WebServer::Hub> hub) {
    const Counted counted(hub);
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    while (hub->open) {
        http::request_parser<http::string_body> parser;
        parser.header_limit(16 * 1024);
        parser.body_limit(protocol::max_line);
        stream.expires_after(exchange_timeout);
        boost::system::error_code error;
        co_await http::async_read(stream, buffer, parser,
                                  asio::redirect_error(asio::use_awaitable, error));
        if (error == http::error::body_limit || error == http::error::header_limit) {
            HttpRequest empty;
            auto response = web_response(empty, 413, "text/plain; charset=utf-8",
                                         "a request is at most " +
                                             std::to_string(protocol::max_line) + " bytes\n");
            response.keep_alive(false);
            co_await http::async_write(stream, response,
                                       asio::redirect_error(asio::use_awaitable, error));
            break;
        }
        if (error) {
            break; // gone, timed out, or not HTTP: the connection only
        }
        HttpRequest request = parser.release();
        if (beast::websocket::is_upgrade(request)) {
            if (auto refusal = hub->routes.refuse_events(request)) {
                refusal->keep_alive(false);
                co_await http::async_write(stream, *refusal,
                                           asio::redirect_error(asio::use_awaitable, error));
                break;
            }
            auto events = std::make_shared<EventStream>(std::move(stream));
            std::erase_if(hub->streams, [](const auto& weak) { return weak.expired(); });
            hub->streams.push_back(events);
            events->start(std::move(request), hub->routes.first_event());
            co_return;
        }
        HttpResponse response = hub->routes.answer(request);
        if (request.method() == http::verb::head) {
            response.body().clear();
        }
        stream.expires_after(exchange_timeout);
        co_await http::async_write(stream, response,
                                   asio::redirect_error(asio::use_awaitable, error));
        if (error || !response.keep_alive()) {
            break;
        }
    }
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream.close();
}

} // namespace

WebServer::WebServer(asio::io_context& io, const HttpSettings& settings, std::string token,
                     const std::filesystem::path& static_dir, WebRoutes::Requests requests)
    : acceptor_(listen_on(io, settings.listen)), port_(acceptor_.local_endpoint().port()),
      hub_(std::make_shared<Hub>(Hub{
          .routes = WebRoutes(WebAccess({.loopback = is_loopback_address(settings.listen.address),
                                         .read_only = settings.read_only,
                                         .token = std::move(token)}),
                              StaticFiles(static_dir), std::move(requests))})) {
    asio::co_spawn(io, accept_clients(), asio::detached);
}

WebServer::~WebServer() {
    close();
}

asio::awaitable<void> WebServer::accept_clients() {
    // The hub, not `this`: the loop may be resumed once more after the server is gone.
    const std::shared_ptr<Hub> hub = hub_;
    auto& acceptor = acceptor_;
    while (hub->open) {
        boost::system::error_code error;
        tcp::socket socket =
            co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, error));
        if (error == asio::error::operation_aborted || !hub->open) {
            co_return;
        }
        if (error) {
            spdlog::warn("web page: accept failed: {}", error.message());
            asio::steady_timer pause(co_await asio::this_coro::executor, 100ms);
            co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, error));
            continue;
        }
        std::erase_if(hub->streams, [](const auto& weak) { return weak.expired(); });
        const auto executor = socket.get_executor();
        if (hub->connections + hub->streams.size() >= max_clients) {
            asio::co_spawn(executor, refuse_busy(std::move(socket)), asio::detached);
            continue;
        }
        asio::co_spawn(executor, serve(std::move(socket), hub), asio::detached);
    }
}

void WebServer::broadcast(const nlohmann::json& event) {
    std::string message;
    for (const auto& weak : hub_->streams) {
        if (const auto stream = weak.lock(); stream && stream->open()) {
            if (message.empty()) {
                message = protocol::line(event);
            }
            stream->deliver(message);
        }
    }
}

void WebServer::close() {
    hub_->open = false;
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    for (const auto& weak : hub_->streams) {
        if (const auto stream = weak.lock()) {
            stream->stop();
        }
    }
}

} // namespace fobrig
