// One run at a time on the rig: starts it on its own thread, follows it, aborts it, records it.
// Everything here is called on the daemon's control thread; the run's thread only posts back.
#pragma once

#include "rig/core/programming_run.hpp"
#include "rig/core/rig_wiring.hpp"
#include "rig/daemon/daemon_console.hpp"
#include "rig/daemon/event_observer.hpp"
#include "rig/history/run_history.hpp"
#include "sim/simulated_rig.hpp"

#include <boost/asio/io_context.hpp>
#include <nlohmann/json.hpp>

#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <thread>

namespace fobrig {

struct RunParams {
    RunMode mode = RunMode::program;
    std::string procedure;
    std::vector<int> slots; // empty: every slot of the rig
    std::map<int, std::string> labels;
    std::string key_type; // empty: the procedure's first accepted key type
};

class RunController {
public:
    using Broadcast = std::function<void(const nlohmann::json&)>;

    // `realtime_priority`: SCHED_FIFO priority for each run's thread, or none (virtual time).
    RunController(boost::asio::io_context& io, const Rig& rig, std::filesystem::path procedures_dir,
                  RunHistory& history, sim::SimulatedRig& hardware,
                  std::optional<int> realtime_priority, Broadcast broadcast);
    // Aborts a run still going and waits for its thread; the record is then lost to the
    // index, so the daemon stops through shutdown() instead.
    ~RunController();

    // Starts a run and returns its id; throws protocol::RequestError when refused (busy, an
    // unknown or invalid procedure, a refused key type, a slot the rig lacks).
    std::string start(const RunParams& params);
    // Asks the run to stop; false when there is none.
    bool abort();
    bool acknowledge() { return busy() && console_ && console_->acknowledge(); }
    bool busy() const { return run_.has_value(); }
    nlohmann::json status() const;
    // Calls `then` once no run is going (at once if none is), after the run is recorded.
    void when_idle(std::function<void()> then);

private:
    struct ActiveRun {
        std::string id;
        std::string procedure;
        RunMode mode;
        std::vector<FobUnderTest> fobs;
        nlohmann::json current_step;
    };

    void on_event(const nlohmann::json& event);
    void finished(RunRecord record);

    boost::asio::io_context& io_;
    const Rig& rig_;
    std::filesystem::path procedures_dir_;
    RunHistory& history_;
    sim::SimulatedRig& hardware_;
    std::optional<int> realtime_priority_;
    Broadcast broadcast_;

    std::optional<ActiveRun> run_;
    std::unique_ptr<EventObserver> observer_;
    std::unique_ptr<DaemonConsole> console_;
    std::atomic<bool> abort_{false};
    std::thread thread_;
    std::vector<std::function<void()>> idle_waiters_;
};

} // namespace fobrig
