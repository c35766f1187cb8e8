// One run at a time on the rig: starts it on its own thread, follows it, aborts it, records it.
// Everything here is called on the daemon's control thread; the run's thread only posts back.
#pragma once

#include "rig/campaign/campaign_runner.hpp"
#include "rig/core/programming_run.hpp"
#include "rig/core/rig_wiring.hpp"
#include "rig/core/run_pulse.hpp"
#include "rig/daemon/daemon_console.hpp"
#include "rig/daemon/event_json.hpp"
#include "rig/daemon/event_observer.hpp"
#include "rig/daemon/event_queue.hpp"
#include "rig/daemon/lease_gate.hpp"
#include "rig/daemon/rig_hardware.hpp"
#include "rig/history/run_history.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <nlohmann/json.hpp>

#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <thread>

namespace fobrig {

// Where a run's procedure comes from: an id in the procedures folder, or the procedure's text
// as the client sent it (the daemon opens no path a client names).
struct ProcedureSource {
    std::string id;        // when `text` is empty
    std::string text;      // the file's contents
    std::string text_name; // what diagnostics call the text: the client's file name
};

// A batch of fobs tested round after round (see rig/campaign/): new, or resumed by id.
struct CampaignParams {
    ProcedureSource procedure;
    std::vector<int> keep;   // fob numbers the car's owner keeps
    std::vector<int> spares; // fob numbers to test
    std::map<int, std::string> labels;
    bool verify_only = false;
    std::string resume; // a campaign id: carry it on instead
};

struct RunParams {
    RunMode mode = RunMode::program;
    ProcedureSource procedure;
    std::vector<int> slots; // empty: every slot of the rig
    std::map<int, std::string> labels;
    std::string key_type; // empty: the procedure's first accepted key type
};

class RunController {
public:
    using Broadcast = std::function<void(const nlohmann::json&)>;

    // `realtime_priority`: SCHED_FIFO priority for each run's thread, or none (virtual time).
    // `history`: none when the state folder cannot be used; every run is then refused.
    RunController(boost::asio::io_context& io, const Rig& rig, std::filesystem::path procedures_dir,
                  RunHistory* history, RigHardware& hardware, std::optional<int> realtime_priority,
                  Broadcast broadcast);
    // Aborts a run still going and waits for its thread; the record is then lost to the
    // index, so the daemon stops through shutdown() instead.
    ~RunController();

    // Starts a run and returns its id; throws protocol::RequestError when refused (busy, an
    // unknown or invalid procedure, a refused key type, a slot the rig lacks).
    std::string start(const RunParams& params);
    // Starts a campaign and returns its id; refused like start().
    std::string start_campaign(const CampaignParams& params);
    // The next run started is fleet work, driving only until `until` (its lease's end).
    void permit_next_run(std::optional<Instant> until);
    // The fleet lease was renewed (until its new end) or ended (none), for the fleet run
    // going, if one is.
    void renew_permit(std::optional<Instant> until);
    // Asks the run to stop (a campaign: straight to its restoring round); false when none.
    bool abort();
    // For shutdown: stops a run, or a campaign without its restoring round (it resumes later).
    void halt();
    bool acknowledge() { return busy() && console_ && console_->acknowledge(); }
    bool busy() const { return run_.has_value(); }
    nlohmann::json status() const;
    // Calls `then` once no run is going (at once if none is), after the run is recorded.
    void when_idle(std::function<void()> then);
    // For systemd's watchdog: true when no run is going, or when the run's thread has beaten
    // since the last call (it beats at least every 100 ms while it is well).
    bool run_thread_beating();

private:
    struct ActiveRun {
        std::string id;
        std::string procedure;
        std::string mode; // program, verify or batch
        std::vector<FobUnderTest> fobs;
        nlohmann::json current_step;
    };

    // Throws protocol::RequestError when busy or when there is no history to record in.
    void refuse_if_busy() const;
    void begin(ActiveRun run);
    // Runs `work` on the run's thread, in real-time shape unless the clock is virtual.
    void launch(std::function<void(std::optional<RealtimeRecord>)> work);
    void on_event(const RunEvent& event);
    // The guard on the control thread: opens every output when a contact outlives its maximum
    // hold because the run's thread, whose own guard would open it, has not come back.
    void watch_run_thread();
    void finished(RunRecord record);
    // Writes a finished run into the history; returns why it could not, or empty.
    std::string keep(const RunRecord& record);
    void campaign_finished(CampaignReport report);
    void become_idle(const nlohmann::json& last_event);
    // On the run's thread: a campaign's run gets its id and its row in the index, through
    // the campaign's own connection `runs`.
    void campaign_run_starting(RunHistory& runs, RunRequest& request);
    // `reason` told first that the fleet lease ended under the run, if it did.
    std::string with_lapse(std::string reason) const;

    boost::asio::io_context& io_;
    const Rig& rig_;
    std::filesystem::path procedures_dir_;
    RunHistory* history_;
    RigHardware& hardware_;
    std::optional<int> realtime_priority_;
    Broadcast broadcast_;
    EventQueue events_;

    std::optional<ActiveRun> run_;
    std::unique_ptr<EventObserver> observer_;
    std::optional<EventJson> event_json_; // the control thread's side of observer_
    std::unique_ptr<DaemonConsole> console_;
    std::atomic<bool> abort_{false};
    std::unique_ptr<CampaignStop> campaign_stop_;
    // Every run drives through it: a fleet run only while the rig's lease runs.
    LeaseGate gate_;
    std::optional<Instant> next_permit_;
    bool fleet_run_ = false;
    std::thread thread_;
    std::vector<std::function<void()>> idle_waiters_;
    std::unique_ptr<RunPulse> pulse_;
    std::uint64_t beats_seen_ = 0;
    boost::asio::steady_timer guard_timer_;
    std::optional<std::string> guard_stop_; // why the guard stopped the run
};

} // namespace fobrig
