// fobrigd under test: in this process on a thread (most tests), or as its own process (for
// signals and crashes), each with a fresh state folder and socket, and a client to talk to it.
#pragma once

#include "rig/client/daemon_connection.hpp"
#include "rig/daemon/daemon.hpp"
#include "tests/support/scratch_folder.hpp"
#include "tests/support/shell_command.hpp"

#include <boost/asio/post.hpp>
#include <gtest/gtest.h>

#include <array>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace fobrig::testing {

using namespace std::chrono_literals;

inline DaemonOptions options_for(const ScratchFolder& folder, bool virtual_time,
                                 std::vector<std::string> faults = {}) {
    DaemonOptions options;
    options.socket = folder.path / "fobrig.sock";
    options.state_dir = folder.path / "state";
    options.virtual_time = virtual_time;
    options.sim_faults = std::move(faults);
    options.http = HttpListen{.enabled = false}; // tests of the web page ask for a free port
    // The simulated car is asked for by name, as a user's config would; a test may rewrite the
    // file and reload.
    options.config_file = folder.path / "fobrig.toml";
    std::ofstream(options.config_file) << "[daemon]\nrig = \"sim-8\"\n";
    options.rigs_dir = FOBRIG_CONFIG_DIR "/rigs";
    options.defaults.procedures = FOBRIG_CONFIG_DIR "/procedures";
    return options;
}

class DaemonOnThread {
public:
    explicit DaemonOnThread(bool virtual_time = true, std::vector<std::string> faults = {})
        : daemon_(std::make_unique<Daemon>(io_, options_for(folder_, virtual_time, faults))),
          thread_([this] { io_.run(); }) {}
    // Other settings: `adjust` changes the options (and may write the config file) first.
    explicit DaemonOnThread(const std::function<void(DaemonOptions&)>& adjust)
        : daemon_(std::make_unique<Daemon>(io_, adjusted(folder_, adjust))),
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
    static DaemonOptions adjusted(const ScratchFolder& folder,
                                  const std::function<void(DaemonOptions&)>& adjust) {
        DaemonOptions options = options_for(folder, true);
        adjust(options);
        return options;
    }

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
    // `rig`: the rig file, else the simulated car (--sim); `procedures`: the procedures folder,
    // else the daemon's default.
    explicit DaemonProcess(const ScratchFolder& folder, std::filesystem::path rig = {},
                           bool virtual_time = false, std::filesystem::path procedures = {})
        : folder_(folder), procedures_(std::move(procedures)) {
        if (rig.empty()) {
            rig_args_ = {"--sim"};
        } else {
            rig_args_ = {"--rig", rig.string()};
        }
        start(virtual_time);
    }
    // As installed: a config file that names no rig, and no option naming one.
    struct Unconfigured {};
    DaemonProcess(const ScratchFolder& folder, Unconfigured) : folder_(folder) { start(); }
    ~DaemonProcess() {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
    }

    // `virtual_time`: the simulated car without waiting, as after a restart in a test.
    void start(bool virtual_time = false) {
        if (!try_start(virtual_time)) {
            FAIL() << "fobrigd exited at start";
        }
    }
    // As start(), but false, and no failure, when fobrigd exits at start (given too few
    // descriptors to listen, say).
    bool try_start(bool virtual_time = false) {
        const std::string socket = (folder_.path / "fobrig.sock").string();
        const std::string state = (folder_.path / "state").string();
        const std::string config = (folder_.path / "fobrig.toml").string();
        std::ofstream(config) << "[daemon]\nlog_level = \"warn\"\n"
                              << (procedures_.empty()
                                      ? ""
                                      : "procedures = \"" + procedures_.string() + "\"\n");
        std::vector<std::string> args{FOBRIGD_BINARY, "--socket", socket,   "--state-dir", state,
                                      "--config",     config,     "--http", "off"};
        args.insert(args.end(), rig_args_.begin(), rig_args_.end());
        if (virtual_time) {
            args.emplace_back("--virtual-time");
        }
        const ProgramArgs program(std::move(args));
        pid_ = ::fork();
        if (pid_ == 0) {
            if (max_files_ > 0) {
                const rlimit files{.rlim_cur = max_files_, .rlim_max = max_files_};
                ::setrlimit(RLIMIT_NOFILE, &files);
            }
            program.exec();
        }
        // Ready once the socket answers.
        for (int tries = 0; tries < 100; ++tries) {
            if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
                pid_ = -1;
                return false;
            }
            try {
                DaemonConnection probe(socket);
                return true;
            } catch (const DaemonUnreachable&) {
                std::this_thread::sleep_for(50ms);
            }
        }
        ADD_FAILURE() << "fobrigd did not start listening on " << socket;
        return true;
    }
    // Never kill(-1, ...): a daemon that exited at start would take every process of the user.
    void signal(int number) {
        if (pid_ > 0) {
            ::kill(pid_, number);
        }
    }
    pid_t pid() const { return pid_; }
    // From the next start(): at most `count` descriptors (RLIMIT_NOFILE).
    void limit_files(rlim_t count) { max_files_ = count; }
    // The exit status, as waitpid reports it.
    int wait() {
        int status = 0;
        if (pid_ <= 0) {
            return status; // not running: waitpid(-1) would reap another child
        }
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
        return status;
    }
    std::filesystem::path socket() const { return folder_.path / "fobrig.sock"; }
    std::filesystem::path state() const { return folder_.path / "state"; }
    std::filesystem::path config_file() const { return folder_.path / "fobrig.toml"; }

private:
    const ScratchFolder& folder_;
    std::vector<std::string> rig_args_;
    std::filesystem::path procedures_;
    pid_t pid_ = -1;
    rlim_t max_files_ = 0;
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
