#include "rig/client/daemon_connection.hpp"

#include "rig/protocol/request.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace fobrig {

namespace {

std::string errno_text() {
    return std::strerror(errno);
}

} // namespace

DaemonConnection::DaemonConnection(const std::filesystem::path& socket) : socket_(socket) {
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (socket.string().size() >= sizeof address.sun_path) {
        throw DaemonUnreachable("socket path too long: " + socket.string());
    }
    std::strncpy(address.sun_path, socket.c_str(), sizeof address.sun_path - 1);
    fd_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0 ||
        ::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        const std::string why = errno_text();
        if (fd_ >= 0) {
            ::close(fd_);
        }
        throw DaemonUnreachable("cannot reach fobrigd at " + socket.string() + ": " + why +
                                " (is it running? --socket chooses another)");
    }
}

DaemonConnection::~DaemonConnection() {
    ::close(fd_);
}

void DaemonConnection::send_raw(std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (sent < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw DaemonUnreachable("fobrigd at " + socket_.string() +
                                    " went away: " + errno_text());
        }
        bytes.remove_prefix(static_cast<std::size_t>(sent));
    }
}

std::optional<std::string>
DaemonConnection::read_line(std::chrono::steady_clock::time_point deadline) {
    for (;;) {
        if (const auto newline = buffer_.find('\n'); newline != std::string::npos) {
            std::string line = buffer_.substr(0, newline);
            buffer_.erase(0, newline + 1);
            return line;
        }
        // A deadline already past still takes what has arrived: a zero timeout is a peek.
        const auto left = std::max(std::chrono::duration_cast<std::chrono::milliseconds>(
                                       deadline - std::chrono::steady_clock::now()),
                                   std::chrono::milliseconds(0));
        pollfd ready{.fd = fd_, .events = POLLIN, .revents = 0};
        const int polled = ::poll(&ready, 1, static_cast<int>(left.count()));
        if (polled < 0 && errno != EINTR) {
            throw DaemonUnreachable("poll: " + errno_text());
        }
        if (polled <= 0) {
            if (left.count() == 0) {
                return std::nullopt;
            }
            continue;
        }
        char chunk[4096];
        const ssize_t got = ::recv(fd_, chunk, sizeof chunk, 0);
        if (got == 0) {
            throw DaemonUnreachable("fobrigd at " + socket_.string() + " closed the connection");
        }
        if (got < 0 && errno != EINTR) {
            throw DaemonUnreachable("fobrigd at " + socket_.string() + ": " + errno_text());
        }
        buffer_.append(chunk, static_cast<std::size_t>(std::max<ssize_t>(got, 0)));
    }
}

std::optional<nlohmann::json> DaemonConnection::receive(std::chrono::milliseconds timeout) {
    const auto line = read_line(std::chrono::steady_clock::now() + timeout);
    if (!line) {
        return std::nullopt;
    }
    auto message = nlohmann::json::parse(*line, nullptr, false);
    if (message.is_discarded()) {
        throw DaemonUnreachable("fobrigd sent a line that is not JSON: " + line->substr(0, 200));
    }
    return message;
}

nlohmann::json DaemonConnection::call(nlohmann::json request, std::chrono::milliseconds timeout) {
    const long id = next_id_++;
    request["v"] = protocol::version;
    request["id"] = id;
    send_raw(request.dump() + "\n");
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        auto message = receive(std::max(left, std::chrono::milliseconds(0)));
        if (!message) {
            throw DaemonUnreachable("fobrigd did not answer '" +
                                    request.value("request", std::string()) + "' within " +
                                    std::to_string(timeout.count()) + " ms");
        }
        if (message->contains("event")) {
            events_.push_back(std::move(*message));
        } else if (message->value("id", nlohmann::json()) == id) {
            return *message;
        }
    }
}

std::optional<nlohmann::json> DaemonConnection::next_event(std::chrono::milliseconds timeout) {
    if (!events_.empty()) {
        auto event = std::move(events_.front());
        events_.pop_front();
        return event;
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        auto message = receive(std::max(left, std::chrono::milliseconds(0)));
        if (!message || message->contains("event")) {
            return message;
        }
        if (left.count() <= 0) {
            return std::nullopt;
        }
    }
}

} // namespace fobrig
