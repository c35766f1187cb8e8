#include "rig/daemon/control_server.hpp"

#include "rig/protocol/message.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <system_error>

namespace fobrig {

namespace asio = boost::asio;
using asio::local::stream_protocol;

namespace {

// A socket file left by a daemon that died is removed; one that still answers is refused, and
// so is anything that is not a socket: a mistyped --socket must never delete a file.
void claim_socket_path(asio::io_context& io, const std::filesystem::path& path) {
    const auto status = std::filesystem::symlink_status(path);
    if (status.type() == std::filesystem::file_type::not_found) {
        std::filesystem::create_directories(path.parent_path());
        return;
    }
    if (status.type() != std::filesystem::file_type::socket) {
        throw std::system_error(std::make_error_code(std::errc::file_exists),
                                path.string() + " exists and is not a socket; it is left as it "
                                                "is: name another --socket");
    }
    stream_protocol::socket probe(io);
    boost::system::error_code error;
    probe.connect(stream_protocol::endpoint(path.string()), error);
    if (!error) {
        throw std::system_error(std::make_error_code(std::errc::address_in_use),
                                "another fobrigd already listens on " + path.string());
    }
    std::filesystem::remove(path);
}

// Clients of the socket's group may talk to the rig; nobody else may.
void restrict_socket(const std::filesystem::path& path, const std::string& group) {
    if (!group.empty()) {
        const struct group* entry = getgrnam(group.c_str());
        if (!entry || chown(path.c_str(), static_cast<uid_t>(-1), entry->gr_gid) != 0) {
            throw std::system_error(errno ? errno : ENOENT, std::generic_category(),
                                    "cannot give " + path.string() + " to group " + group);
        }
    }
    if (chmod(path.c_str(), 0660) != 0) {
        throw std::system_error(errno, std::generic_category(), "chmod " + path.string());
    }
}

stream_protocol::acceptor listen_on(asio::io_context& io, const std::filesystem::path& path) {
    claim_socket_path(io, path);
    try {
        return stream_protocol::acceptor(io, stream_protocol::endpoint(path.string()));
    } catch (const boost::system::system_error& error) {
        throw std::system_error(error.code().value(), std::generic_category(),
                                "cannot listen on " + path.string());
    }
}

} // namespace

ControlServer::ControlServer(asio::io_context& io, std::filesystem::path path, std::string group,
                             ClientSession::Handler handler)
    : path_(std::move(path)), acceptor_(listen_on(io, path_)), handler_(std::move(handler)) {
    restrict_socket(path_, group);
    asio::co_spawn(io, accept_clients(), asio::detached);
}

ControlServer::~ControlServer() {
    close();
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
}

asio::awaitable<void> ControlServer::accept_clients() {
    while (acceptor_.is_open()) {
        boost::system::error_code error;
        stream_protocol::socket socket =
            co_await acceptor_.async_accept(asio::redirect_error(asio::use_awaitable, error));
        if (error == asio::error::operation_aborted) {
            co_return;
        }
        if (error) {
            // Out of descriptors, say: wait for clients to leave rather than spin.
            spdlog::warn("control socket: accept failed: {}", error.message());
            asio::steady_timer pause(acceptor_.get_executor(), std::chrono::milliseconds(100));
            co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, error));
            continue;
        }
        std::erase_if(sessions_, [](const auto& session) { return session.expired(); });
        auto session = std::make_shared<ClientSession>(std::move(socket), handler_);
        if (sessions_.size() >= max_clients) {
            session->refuse(protocol::refusal(nullptr, "too-many-clients",
                                              "fobrigd serves at most " +
                                                  std::to_string(max_clients) +
                                                  " clients at once; try again when one has left"));
            continue;
        }
        sessions_.push_back(session);
        session->start();
    }
}

void ControlServer::broadcast(const nlohmann::json& event) {
    for (const auto& weak : sessions_) {
        if (const auto session = weak.lock(); session && session->subscribed()) {
            session->deliver(event);
        }
    }
}

void ControlServer::close() {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    for (const auto& weak : sessions_) {
        if (const auto session = weak.lock()) {
            session->stop();
        }
    }
}

} // namespace fobrig
