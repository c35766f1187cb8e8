// Starting each condition's load.
#include "bench/conditions.hpp"

#include "bench/process.hpp"
#include "rig/client/daemon_connection.hpp"

#include <atomic>
#include <filesystem>
#include <optional>
#include <thread>
#include <unistd.h>

namespace fobrig::bench {

namespace {

class NoLoad final : public Load {};

class StressNg final : public Load {
public:
    // A worker of each kind per online CPU (0 = one per CPU), given a moment to spin up.
    StressNg()
        : process_({"stress-ng", "--cpu", "0", "--io", "0", "--vm", "0", "--vm-bytes", "128M",
                    "--quiet"}) {
        std::this_thread::sleep_for(std::chrono::seconds(2));
    }

private:
    BackgroundProcess process_;
};

LoadOrReason stress_every_core(const Placement&) {
    if (!on_path("stress-ng")) {
        return "skipped: no stress-ng on PATH";
    }
    return LoadOrReason(std::make_unique<StressNg>());
}

// fobrigd on the simulated rig, and 50 clients sending it status requests back to back: the
// control plane at full tilt, on the same cores as the sequencer being measured unless the
// placement keeps it off the run's CPU.
class ControlSocketClients final : public Load {
public:
    static constexpr int clients = 50;

    ControlSocketClients(std::filesystem::path folder, const Placement& placement)
        : folder_(std::move(folder)), off_run_cpu_(std::in_place, placement),
          daemon_({FOBRIGD_BINARY, "--socket", (folder_ / "fobrig.sock").string(), "--state-dir",
                   (folder_ / "state").string(), "--sim", "--log-level", "warn"}) {
        wait_for_socket();
        for (int i = 0; i < clients; ++i) {
            threads_.emplace_back([this] { ask_status_until_stopped(); });
        }
        off_run_cpu_.reset();
    }
    ~ControlSocketClients() override {
        stop_.store(true);
        for (auto& thread : threads_) {
            thread.join();
        }
        std::filesystem::remove_all(folder_);
    }

private:
    void wait_for_socket() {
        for (int tries = 0; tries < 100; ++tries) {
            try {
                DaemonConnection probe(folder_ / "fobrig.sock");
                return;
            } catch (const DaemonUnreachable&) {
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            }
        }
        throw std::runtime_error("fobrigd did not start for the control-socket condition");
    }
    void ask_status_until_stopped() {
        try {
            DaemonConnection client(folder_ / "fobrig.sock");
            while (!stop_.load()) {
                client.call({{"request", "status"}});
            }
        } catch (const DaemonUnreachable&) {
            // The daemon stopping ends the load too.
        }
    }

    std::filesystem::path folder_;
    // Held while the daemon and the clients start, so that they inherit it, and no longer.
    std::optional<Placement::OffRunCpu> off_run_cpu_;
    BackgroundProcess daemon_;
    std::atomic<bool> stop_{false};
    std::vector<std::thread> threads_;
};

LoadOrReason hammer_control_socket(const Placement& placement) {
    const auto folder =
        std::filesystem::temp_directory_path() / ("fobrig-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(folder);
    return LoadOrReason(std::make_unique<ControlSocketClients>(folder, placement));
}

} // namespace

std::vector<Condition> conditions() {
    return {
        {"idle", "nothing else running",
         [](const Placement&) { return LoadOrReason(std::make_unique<NoLoad>()); }},
        {"stress", "stress-ng --cpu 0 --io 0 --vm 0 (every core)", stress_every_core},
        {"control-socket", "50 clients sending status requests to fobrigd", hammer_control_socket},
    };
}

} // namespace fobrig::bench
