// A fleet on one machine, loopback only: Mosquitto on a free port with the shipped ACL and a
// password per rig, fobrigd processes joined to it on simulated cars, and the fobrig command
// as a person types it.
#pragma once

#include "tests/support/scratch_folder.hpp"
#include "tests/support/shell_command.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <thread>

#include <fcntl.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace fobrig::testing {

using namespace std::chrono_literals;

// A port nobody listens on now (the broker takes it a moment later).
inline int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    ::close(fd);
    return ntohs(address.sin_port);
}

inline bool eventually(const std::function<bool()>& done, std::chrono::milliseconds limit) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
        if (done()) {
            return true;
        }
        std::this_thread::sleep_for(100ms);
    }
    return done();
}

// The JSON object a command printed (after any lines before it); null when there is none.
inline nlohmann::json json_of(const Outcome& outcome) {
    const auto brace = outcome.output.find('{');
    return brace == std::string::npos
               ? nlohmann::json()
               : nlohmann::json::parse(outcome.output.substr(brace), nullptr, false);
}

// A child process, killed with SIGKILL when dropped.
class Child {
public:
    Child() = default;
    explicit Child(std::vector<std::string> args) { start(std::move(args)); }
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;
    ~Child() { kill(SIGKILL); }

    // `output`: where its stdout and stderr go (else, this process's).
    void start(std::vector<std::string> args, const std::filesystem::path& output = {}) {
        std::vector<char*> argv;
        for (std::string& arg : args) {
            argv.push_back(arg.data());
        }
        argv.push_back(nullptr);
        pid_ = ::fork();
        if (pid_ == 0) {
            if (!output.empty()) {
                const int fd = ::open(output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
                ::dup2(fd, 1);
                ::dup2(fd, 2);
            }
            ::execv(argv[0], argv.data());
            ::_exit(127);
        }
    }
    // Its exit status, once it ended by itself within `limit`; none if it did not.
    std::optional<int> exited(std::chrono::milliseconds limit) {
        int status = 0;
        const bool ended =
            eventually([&] { return ::waitpid(pid_, &status, WNOHANG) == pid_; }, limit);
        if (!ended) {
            return std::nullopt;
        }
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    void kill(int signal) {
        if (pid_ <= 0) {
            return;
        }
        ::kill(pid_, signal);
        if (signal == SIGKILL || signal == SIGTERM) {
            ::waitpid(pid_, nullptr, 0);
            pid_ = -1;
        }
    }
    bool running() const { return pid_ > 0; }

private:
    pid_t pid_ = -1;
};

// The names and passwords the broker knows: one user per rig, and "fleet" for the client.
class Broker {
public:
    explicit Broker(const std::vector<std::string>& rigs) : port_(free_port()) {
        users_ = rigs;
        users_.push_back("fleet");
        const auto passwords = folder_.path / "passwd";
        for (const std::string& user : users_) {
            const Outcome made = shell(std::string("mosquitto_passwd -b ") +
                                       (std::filesystem::exists(passwords) ? "" : "-c ") +
                                       passwords.string() + " " + user + " " + password_of(user));
            EXPECT_EQ(made.status, 0) << made.output;
            std::ofstream(folder_.path / (user + ".password")) << password_of(user) << "\n";
        }
        const passwd* me = ::getpwuid(::geteuid());
        std::ofstream(folder_.path / "mosquitto.conf")
            << "per_listener_settings false\n"
            << "allow_anonymous false\n"
            << "password_file " << passwords.string() << "\n"
            << "acl_file " << FOBRIG_CONFIG_DIR "/fleet/fobrig.acl\n"
            << "persistence true\n"
            << "persistence_location " << folder_.path.string() << "/\n"
            << "user " << me->pw_name << "\n"
            << "log_dest file " << (folder_.path / "mosquitto.log").string() << "\n"
            << "listener " << port_ << " 127.0.0.1\n";
        start();
    }

    void start() {
        broker_.start({"/usr/sbin/mosquitto", "-c", (folder_.path / "mosquitto.conf").string()});
        EXPECT_TRUE(eventually([this] { return accepts(); }, 5s)) << log();
    }
    void stop() { broker_.kill(SIGTERM); }

    std::string url() const { return "mqtt://127.0.0.1:" + std::to_string(port_); }
    static std::string password_of(const std::string& user) { return "pw-" + user + "-42"; }
    std::filesystem::path password_file(const std::string& user) const {
        return folder_.path / (user + ".password");
    }
    std::string log() const {
        std::ifstream in(folder_.path / "mosquitto.log");
        return std::string(std::istreambuf_iterator<char>(in), {});
    }

private:
    bool accepts() const {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = htons(static_cast<std::uint16_t>(port_));
        const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
        ::close(fd);
        return ok;
    }

    ScratchFolder folder_;
    int port_;
    std::vector<std::string> users_;
    Child broker_;
};

// fobrigd joined to the broker as `id`, on a simulated car in virtual time (or in real time,
// for a run still going when something happens to it).
class FleetRig {
public:
    static constexpr int keepalive_s = 5;

    FleetRig(const Broker& broker, std::string id, std::string car = "mini-r50",
             bool virtual_time = true)
        : id_(std::move(id)), car_(std::move(car)), virtual_time_(virtual_time) {
        std::ofstream(folder_.path / "fobrig.toml")
            << "[daemon]\nlog_level = \"info\"\n"
            << "[fleet]\nbroker = \"" << broker.url() << "\"\nrig_id = \"" << id_ << "\"\n"
            << "password_file = \"" << broker.password_file(id_).string() << "\"\n"
            << "keepalive_s = " << keepalive_s << "\nheartbeat_ms = 500\n";
        start();
    }

    void start() {
        process_.start({FOBRIGD_BINARY, "--config", (folder_.path / "fobrig.toml").string(),
                        "--socket", socket().string(), "--state-dir",
                        (folder_.path / "state").string(), "--sim", "--sim-car", car_, "--http",
                        "off", virtual_time_ ? "--virtual-time" : "--log-level=info"});
        EXPECT_TRUE(eventually([this] { return std::filesystem::exists(socket()); }, 5s));
    }
    void signal(int number) { process_.kill(number); }

    const std::string& id() const { return id_; }
    // Its own status, as `fobrig --json status` gives it; null when it did not answer.
    nlohmann::json status() const { return json_of(fobrig("--json status")); }
    // Whether its own status says the broker accepted it.
    bool connected() const {
        const nlohmann::json now = status();
        return now.is_object() && now["fleet"].value("connected", false);
    }
    std::filesystem::path socket() const { return folder_.path / "fobrig.sock"; }
    // fobrig --socket SOCKET ARGUMENTS, with what it printed on both streams.
    Outcome fobrig(const std::string& arguments) const {
        return shell(std::string(FOBRIG_BINARY) + " --socket " + socket().string() + " " +
                     arguments);
    }

private:
    ScratchFolder folder_;
    std::string id_;
    std::string car_;
    bool virtual_time_;
    Child process_;
};

// fobrig fleet --broker URL --password-file FILE ARGUMENTS, as the fleet's client.
inline Outcome fleet(const Broker& broker, const std::string& arguments,
                     const std::string& user = "fleet") {
    return shell(std::string(FOBRIG_BINARY) + " fleet --broker " + broker.url() + " --user " +
                 user + " --password-file " + broker.password_file(user).string() + " " +
                 arguments);
}

// `fobrig fleet ... ARGUMENTS` going on in the background, as a person leaves it running in a
// terminal, its output kept in a file.
class FleetCommand {
public:
    FleetCommand(const Broker& broker, const std::string& arguments) {
        std::vector<std::string> args{
            FOBRIG_BINARY, "fleet", "--broker",        broker.url(),
            "--user",      "fleet", "--password-file", broker.password_file("fleet").string()};
        std::istringstream words(arguments);
        for (std::string word; words >> word;) {
            args.push_back(word);
        }
        process_.start(std::move(args), folder_.path / "output");
    }
    std::string printed() const {
        std::ifstream in(folder_.path / "output");
        return std::string(std::istreambuf_iterator<char>(in), {});
    }
    // Waits up to `limit` for `text` in what it printed.
    bool says(const std::string& text, std::chrono::milliseconds limit) const {
        return eventually([&] { return printed().find(text) != std::string::npos; }, limit);
    }
    std::optional<int> exited(std::chrono::milliseconds limit) { return process_.exited(limit); }
    void signal(int number) { process_.kill(number); }

private:
    ScratchFolder folder_;
    Child process_;
};

} // namespace fobrig::testing
