// A client's connection to fobrigd's control socket: requests out, answers and events in,
// each one line of JSON. Blocking, with timeouts, so that a script never hangs on the daemon.
#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <deque>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

namespace fobrig {

// The daemon is not there, went away, or did not answer in time.
class DaemonUnreachable : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class DaemonConnection {
public:
    explicit DaemonConnection(const std::filesystem::path& socket);
    ~DaemonConnection();
    DaemonConnection(const DaemonConnection&) = delete;
    DaemonConnection& operator=(const DaemonConnection&) = delete;

    // Sends `request` with the protocol version and a fresh id; returns the answer to it.
    // Events that arrive meanwhile are kept for next_event().
    nlohmann::json call(nlohmann::json request,
                        std::chrono::milliseconds timeout = std::chrono::seconds(30));
    // The next event, or nothing when none came within `timeout`.
    std::optional<nlohmann::json> next_event(std::chrono::milliseconds timeout);
    // Bytes as they are, for tests of what the daemon does with bad input.
    void send_raw(std::string_view bytes);
    // The next message of any kind, or nothing on timeout.
    std::optional<nlohmann::json> receive(std::chrono::milliseconds timeout);
    int fd() const { return fd_; }

private:
    std::optional<std::string> read_line(std::chrono::steady_clock::time_point deadline);

    std::filesystem::path socket_;
    int fd_ = -1;
    std::string buffer_;
    std::deque<nlohmann::json> events_;
    long next_id_ = 1;
};

} // namespace fobrig
