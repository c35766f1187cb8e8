// fobrigd under test: in this process on a thread (most tests), or as its own process (for
// signals and crashes), each with a fresh state folder and socket, and a client to talk to it.
#pragma once

#include "rig/client/daemon_connection.hpp"
#include "rig/daemon/daemon.hpp"

#include <boost/asio/post.hpp>
#include <gtest/gtest.h>

#include <csignal>
#include <fstream>
#include <random>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace fobrig::testing {

using namespace std::chrono_literals;

struct ScratchFolder {
    ScratchFolder() {
        std::random_device random;
        path = std::filesystem::temp_directory_path() /
               ("fobrigd-test-" + std::to_string(::getpid()) + "-" + std::to_string(random()));
        std::filesystem::create_directories(path);
    }
    ~ScratchFolder() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
    std::filesystem::path path;
};

inline DaemonOptions options_for(const ScratchFolder& folder, bool virtual_time,
                                 std::vector<std::string> faults = {}) {
    DaemonOptions options;
    options.socket = folder.path / "fobrig.sock";
    options.state_dir = folder.path / "state";
    options.virtual_time = virtual_time;
    options.sim_faults = std::move(faults);
    // Absent unless a test writes it, as a daemon finds no /etc/fobrig/fobrig.toml.
    options.config_file = folder.path / "fobrig.toml";
    options.defaults.rig = FOBRIG_CONFIG_DIR "/rigs/sim-8.toml";
    options.defaults.procedures = FOBRIG_CONFIG_DIR "/procedures";
    return options;
}

class DaemonOnThread {
public:
    explicit DaemonOnThread(bool virtual_time = true, std::vector<std::string> faults = {})
        : daemon_(std::make_unique<Daemon>(io_, options_for(folder_, virtual_time, faults))),
          thread_([this] { io_.run(); }) {}
    ~DaemonOnThread() {
        boost::asio::post(io_, [this] { daemon_->shutdown([this] { io_.stop(); }); });
        thread_.join();
        daemon_.reset();
    }

    std::filesystem::path socket() const { return folder_.path / "fobrig.sock"; }
    std::filesystem::path state() const { return folder_.path / "state"; }
    std::filesystem::path config_file() const { return folder_.path / "fobrig.toml"; }

private:
    ScratchFolder folder_;
    boost::asio::io_context io_;
    std::unique_ptr<Daemon> daemon_;
    std::thread thread_;
};

// A program's argv, made before fork(): a child of a threaded test must not allocate.
class ProgramArgs {
public:
    explicit ProgramArgs(std::vector<std::string> args) : args_(std::move(args)) {
        for (std::string& arg : args_) {
            argv_.push_back(arg.data());
        }
        argv_.push_back(nullptr);
    }
    // In the forked child: becomes the program, or exits with 127.
    [[noreturn]] void exec() const {
        ::execv(argv_[0], argv_.data());
        ::_exit(127);
    }

private:
    std::vector<std::string> args_;
    std::vector<char*> argv_;
};

// fobrigd as a separate process, as systemd would run it.
class DaemonProcess {
public:
    // `rig`: the rig file, else the daemon's default (the simulated car); `procedures`: the
    // procedures folder, else the daemon's default.
    explicit DaemonProcess(const ScratchFolder& folder, std::filesystem::path rig = {},
                           std::filesystem::path procedures = {})
        : folder_(folder), rig_(std::move(rig)), procedures_(std::move(procedures)) {
        start();
    }
    ~DaemonProcess() {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
    }

    // `virtual_time`: the simulated car without waiting, as after a restart in a test.
    void start(bool virtual_time = false) {
        const std::string socket = (folder_.path / "fobrig.sock").string();
        const std::string state = (folder_.path / "state").string();
        const std::string config = (folder_.path / "fobrig.toml").string();
        std::ofstream(config) << "[daemon]\nlog_level = \"warn\"\n"
                              << (procedures_.empty()
                                      ? ""
                                      : "procedures = \"" + procedures_.string() + "\"\n");
        std::vector<std::string> args{FOBRIGD_BINARY, "--socket", socket, "--state-dir",
                                      state,          "--config", config};
        if (!rig_.empty()) {
            args.insert(args.end(), {"--rig", rig_.string()});
        }
        if (virtual_time) {
            args.emplace_back("--virtual-time");
        }
        const ProgramArgs program(std::move(args));
        pid_ = ::fork();
        if (pid_ == 0) {
            program.exec();
        }
        // Ready once the socket answers.
        for (int tries = 0; tries < 100; ++tries) {
            if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
                pid_ = -1;
                FAIL() << "fobrigd exited at start";
            }
            try {
                DaemonConnection probe(socket);
                return;
            } catch (const DaemonUnreachable&) {
                std::this_thread::sleep_for(50ms);
            }
        }
        FAIL() << "fobrigd did not start listening on " << socket;
    }
    void signal(int number) { ::kill(pid_, number); }
    // The exit status, as waitpid reports it.
    int wait() {
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
        return status;
    }
    std::filesystem::path socket() const { return folder_.path / "fobrig.sock"; }
    std::filesystem::path state() const { return folder_.path / "state"; }

private:
    const ScratchFolder& folder_;
    std::filesystem::path rig_;
    std::filesystem::path procedures_;
    pid_t pid_ = -1;
};

// The next event of `type` (skipping others), or a failed test.
inline nlohmann::json wait_for_event(DaemonConnection& client, const std::string& type,
                                     std::chrono::milliseconds timeout = 30s) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        const auto event = client.next_event(100ms);
        if (event && event->value("event", "") == type) {
            return *event;
        }
    }
    ADD_FAILURE() << "no '" << type << "' event within " << timeout.count() << " ms";
    return {};
}

} // namespace fobrig::testing
