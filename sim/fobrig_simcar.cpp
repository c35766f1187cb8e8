// fobrig-simcar: a simulated car (the Mini unless --sim-car names another), its fobs and relays,
// and the person at the rig, on the far side of gpio-sim lines. A rig on those lines is then driven
// by fobrigd or `fobrig --local` through libgpiod, exactly as on a Pi, while this program plays the
// car in real time.
//
//   fobrig-simcar --rig RIG.toml [--socket fobrigd.sock] [--sim-car NAME]
//                 [--sim-fault NAME=VALUE]...
//
// It prints "ready" once every input line is at its idle level; with --socket it follows
// fobrigd's prompts and does the manual steps (the ignition, the key, the door, counted turn by
// turn; the confirmations) on the car. On
// SIGTERM or SIGINT it prints the car's key table and exits.
#include "rig/client/daemon_connection.hpp"
#include "rig/config/reported.hpp"
#include "rig/config/rig_file.hpp"
#include "sim/fault_options.hpp"
#include "sim/gpio_sim_car.hpp"
#include "sim/paced_clock.hpp"

#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <memory>

namespace {

using namespace fobrig;
using namespace std::chrono_literals;

volatile std::sig_atomic_t stop_requested = 0;

void request_stop(int) {
    stop_requested = 1;
}

// A prompt event as the person at the rig reads it. The event gives a counted step's count
// only in its car limit's words ("8 turns of the ignition to on within 8 s, ending on").
OperatorPrompt prompt_of(const nlohmann::json& event) {
    OperatorPrompt prompt{.step_id = event.value("step", ""),
                          .text = event.value("text", ""),
                          .car_limit = event.value("car_limit", "")};
    const std::string action = event.value("action", "");
    for (std::size_t i = 0; i < operator_action_names.size(); ++i) {
        if (operator_action_names[i] == action) {
            prompt.action = static_cast<OperatorAction>(i);
        }
    }
    if (!counted_role(prompt.action).empty() &&
        prompt.car_limit.find(" within ") != std::string::npos) {
        prompt.count = std::atoi(prompt.car_limit.c_str());
    }
    return prompt;
}

// The operator's side of fobrigd's control socket: prompts in, acknowledgements out. The daemon
// may start after the car, so the connection is retried until it answers.
class Follower {
public:
    explicit Follower(std::filesystem::path socket) : socket_(std::move(socket)) {}

    void poll(sim::SimOperator& hands) {
        if (!connect()) {
            return;
        }
        try {
            while (const auto event = daemon_->next_event(0ms)) {
                if (event->value("event", "") == "prompt") {
                    hands.prompt(prompt_of(*event));
                }
            }
            if (hands.acknowledgements() != acknowledged_) {
                acknowledged_ = hands.acknowledgements();
                // A step the daemon already took as done by a sense input is refused: harmless.
                daemon_->call({{"request", "ack"}});
            }
        } catch (const DaemonUnreachable& gone) {
            std::cerr << "fobrig-simcar: lost fobrigd: " << gone.what() << '\n';
            daemon_.reset();
        }
    }

private:
    bool connect() {
        if (daemon_) {
            return true;
        }
        const auto now = std::chrono::steady_clock::now();
        if (now < next_try_) {
            return false;
        }
        next_try_ = now + 100ms;
        try {
            daemon_ = std::make_unique<DaemonConnection>(socket_);
            daemon_->call({{"request", "subscribe"}});
            return true;
        } catch (const DaemonUnreachable&) {
            daemon_.reset();
            return false;
        }
    }

    std::filesystem::path socket_;
    std::unique_ptr<DaemonConnection> daemon_;
    std::chrono::steady_clock::time_point next_try_{};
    std::uint64_t acknowledged_ = 0;
};

int run(const std::filesystem::path& rig_file, const std::optional<std::filesystem::path>& socket,
        const std::vector<std::string>& faults, const std::string& car_id, Duration poll) {
    const auto loaded = reported(load_rig_file(rig_file));
    if (!loaded) {
        return 2;
    }
    const Rig& rig = *loaded;
    sim::World world(sim::PacedClock::monotonic_now());
    sim::PacedClock clock(world);
    sim::GpioSimCar car(world, clock, rig, sim::parse_sim_faults(faults, rig, car_id),
                        sim::live_gpio_sim_banks());
    std::cout << "ready" << std::endl;

    std::optional<Follower> follower;
    if (socket) {
        follower.emplace(*socket);
    }
    while (stop_requested == 0) {
        car.poll();
        if (follower) {
            follower->poll(car.hands());
        }
        clock.sleep_until(clock.now() + poll);
    }
    std::cout << "key table:" << std::hex << std::setfill('0');
    for (const std::uint32_t fob : car.car().key_table()) {
        std::cout << ' ' << std::setw(8) << fob;
    }
    std::cout << std::dec << std::endl;
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"A simulated car on the far side of gpio-sim lines", "fobrig-simcar"};
    std::filesystem::path rig_file;
    std::optional<std::filesystem::path> socket;
    std::vector<std::string> faults;
    std::string car_id;
    double poll_ms = 0.5;
    app.add_option("--rig", rig_file, "The rig file whose lines are gpio-sim's")->required();
    app.add_option("--socket", socket, "fobrigd's control socket, to do its manual steps");
    app.add_option("--sim-fault", faults,
                   "A simulated fault: " + std::string(fobrig::sim::fault_kinds));
    app.add_option("--sim-car", car_id,
                   "The simulated car (default mini-r50): " + sim::car_model_ids())
        ->check([](const std::string& id) { return sim::unknown_car_model(id); });
    app.add_option("--poll-ms", poll_ms, "How often the output lines are read")
        ->check(CLI::Range(0.05, 10.0));
    CLI11_PARSE(app, argc, argv);

    std::signal(SIGTERM, request_stop);
    std::signal(SIGINT, request_stop);
    try {
        return run(rig_file, socket, faults, car_id,
                   std::chrono::duration_cast<Duration>(
                       std::chrono::duration<double, std::milli>(poll_ms)));
    } catch (const std::exception& error) {
        std::cerr << "fobrig-simcar: " << error.what() << '\n';
        return 1;
    }
}
