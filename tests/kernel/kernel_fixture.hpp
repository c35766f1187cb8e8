// What the kernel tests share: the two-fob rig on gpio-sim lines, and programs run as children
// whose output is read line by line.
#pragma once

#include "tests/daemon/daemon_fixture.hpp"
#include "tests/gpiod/gpio_sim.hpp"

#include <fcntl.h>
#include <poll.h>

namespace fobrig::testing {

using namespace std::chrono_literals;

// The two-fob simulated rig, its lines now on the gpio-sim chip labelled "fobrig-sim".
inline std::filesystem::path gpiod_rig(const ScratchFolder& folder) {
    std::ifstream in(FOBRIG_CONFIG_DIR "/rigs/sim-2.toml");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string sim = "backend = \"sim\"";
    text.replace(text.find(sim), sim.size(), "backend = \"gpiod\"");
    const auto path = folder.path / "gpio-sim-2.toml";
    std::ofstream(path) << text;
    return path;
}

// A program whose standard output is read line by line; killed if the test ends first.
class Child {
public:
    explicit Child(std::vector<std::string> args) {
        int out[2];
        EXPECT_EQ(::pipe2(out, O_CLOEXEC), 0);
        const ProgramArgs program(std::move(args));
        pid_ = ::fork();
        if (pid_ == 0) {
            ::dup2(out[1], 1);
            program.exec();
        }
        ::close(out[1]);
        fd_ = out[0];
    }
    ~Child() {
        if (pid_ > 0) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
        ::close(fd_);
    }
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    // The next line it prints, or nothing once it closed its output or `limit` passed.
    std::optional<std::string> line(std::chrono::seconds limit = 10s) {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        for (;;) {
            if (const auto newline = buffer_.find('\n'); newline != std::string::npos) {
                std::string text = buffer_.substr(0, newline);
                buffer_.erase(0, newline + 1);
                return text;
            }
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            pollfd ready{.fd = fd_, .events = POLLIN, .revents = 0};
            if (left.count() <= 0 || ::poll(&ready, 1, static_cast<int>(left.count())) <= 0) {
                return std::nullopt;
            }
            char chunk[4096];
            const ssize_t got = ::read(fd_, chunk, sizeof chunk);
            if (got <= 0) {
                return std::nullopt;
            }
            buffer_.append(chunk, static_cast<std::size_t>(got));
        }
    }
    // Everything it prints until it exits, and its exit status; killed after `limit`, so that
    // a run that hangs fails the test instead of the CI's clock.
    std::pair<std::string, int> finish(std::chrono::seconds limit) {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        std::string all;
        while (const auto text = line(std::chrono::duration_cast<std::chrono::seconds>(
                   deadline - std::chrono::steady_clock::now()))) {
            all += *text + '\n';
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            ADD_FAILURE() << "still running after " << limit.count() << " s";
            ::kill(pid_, SIGKILL);
        }
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
        return {all + buffer_, status};
    }
    void signal(int number) { ::kill(pid_, number); }

private:
    pid_t pid_ = -1;
    int fd_ = -1;
    std::string buffer_;
};

// The shipped procedures with every step's tolerance at 100 ms (the most a file may give): an
// emulated guest's clock stalls for 20-40 ms at times, which would stop the real procedures'
// attempts (20 ms); the benchmark, not these tests, measures timing.
inline std::filesystem::path emulation_procedures(const ScratchFolder& folder) {
    const auto dir = folder.path / "procedures";
    std::filesystem::create_directories(dir);
    for (const auto& entry : std::filesystem::directory_iterator(FOBRIG_CONFIG_DIR "/procedures")) {
        std::ifstream in(entry.path());
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const std::string key = "tolerance_ms = ";
        for (auto at = text.find(key); at != std::string::npos; at = text.find(key, at + 1)) {
            const auto end = text.find('\n', at);
            text.replace(at, end - at, key + "100");
        }
        std::ofstream(dir / entry.path().filename()) << text;
    }
    return dir;
}

} // namespace fobrig::testing
