// A browser's side of the web page for tests: plain HTTP requests and a WebSocket on real
// TCP connections to a daemon on a thread, each with a time limit so that a test never hangs.
#pragma once

#include "tests/daemon/daemon_fixture.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include <map>
#include <optional>
#include <string>

namespace fobrig::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;

struct HttpAnswer {
    int status = 0;
    std::map<std::string, std::string> headers;
    std::string body;
    nlohmann::json json() const { return nlohmann::json::parse(body); }
    std::string header(const std::string& name) const {
        const auto found = headers.find(name);
        return found == headers.end() ? std::string() : found->second;
    }
};

// One request on a fresh connection; `headers` are sent as given (Host defaults to the
// loopback address and port).
inline HttpAnswer http_call(unsigned short port, http::verb method, const std::string& target,
                            const std::string& body = {},
                            const std::map<std::string, std::string>& headers = {}) {
    asio::io_context io;
    tcp::socket socket(io);
    socket.connect({asio::ip::make_address("127.0.0.1"), port});
    http::request<http::string_body> request{method, target, 11};
    request.set(http::field::host, "127.0.0.1:" + std::to_string(port));
    for (const auto& [name, value] : headers) {
        request.set(name, value);
    }
    request.body() = body;
    request.prepare_payload();
    http::write(socket, request);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    http::read(socket, buffer, parser);
    HttpAnswer answer;
    answer.status = static_cast<int>(parser.get().result_int());
    for (const auto& field : parser.get()) {
        answer.headers[std::string(field.name_string())] = std::string(field.value());
    }
    answer.body = parser.get().body();
    return answer;
}

inline HttpAnswer get(unsigned short port, const std::string& target) {
    return http_call(port, http::verb::get, target);
}

// A POST as the page makes it: from its own origin, with the token when given.
inline HttpAnswer post(unsigned short port, const std::string& target, const nlohmann::json& body,
                       const std::string& token = {}) {
    std::map<std::string, std::string> headers{
        {"Origin", "http://127.0.0.1:" + std::to_string(port)},
        {"Content-Type", "application/json"}};
    if (!token.empty()) {
        headers["X-Fobrig-Token"] = token;
    }
    return http_call(port, http::verb::post, target, body.is_null() ? "{}" : body.dump(), headers);
}

// The page's port, as `fobrig web-url` learns it over the control socket.
inline unsigned short web_port(const std::filesystem::path& socket) {
    DaemonConnection client(socket);
    const nlohmann::json answer = client.call({{"request", "web-url"}});
    const std::string url = answer.at("url");
    const auto colon = url.rfind(':');
    return static_cast<unsigned short>(std::stoi(url.substr(colon + 1)));
}

// The page on a free loopback port; `adjust` may change more.
inline std::function<void(DaemonOptions&)> with_web(std::string address = "127.0.0.1",
                                                    std::function<void(DaemonOptions&)> more = {}) {
    return [address, more](DaemonOptions& options) {
        options.http = HttpListen{.enabled = true, .address = address, .port = 0};
        options.web_dir = FOBRIG_WEB_DIR;
        if (more) {
            more(options);
        }
    };
}

// A browser following /api/events.
class EventFollower {
public:
    explicit EventFollower(unsigned short port) : socket_(io_) {
        socket_.next_layer().connect({asio::ip::make_address("127.0.0.1"), port});
        socket_.set_option(beast::websocket::stream_base::decorator(
            [port](beast::websocket::request_type& request) {
                request.set(http::field::origin, "http://127.0.0.1:" + std::to_string(port));
            }));
        socket_.handshake("127.0.0.1:" + std::to_string(port), "/api/events");
    }

    // The next message, or nothing within `timeout`.
    std::optional<nlohmann::json> next(std::chrono::milliseconds timeout = 10s) {
        beast::flat_buffer buffer;
        bool done = false;
        beast::error_code error;
        socket_.async_read(buffer, [&](beast::error_code e, std::size_t) {
            done = true;
            error = e;
        });
        io_.restart();
        io_.run_for(timeout);
        if (!done) {
            socket_.next_layer().cancel();
            io_.restart();
            io_.run();
            return std::nullopt;
        }
        if (error) {
            return std::nullopt;
        }
        return nlohmann::json::parse(beast::buffers_to_string(buffer.data()));
    }

    // Event types until `last` (included), or until the stream goes quiet.
    std::vector<std::string> types_until(const std::string& last) {
        std::vector<std::string> types;
        while (const auto event = next()) {
            types.push_back(event->value("event", ""));
            if (types.back() == last) {
                break;
            }
        }
        return types;
    }

private:
    asio::io_context io_;
    beast::websocket::stream<tcp::socket> socket_;
};

} // namespace fobrig::testing
