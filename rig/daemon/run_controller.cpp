#include "rig/daemon/run_controller.hpp"

#include "rig/campaign/campaign_plan.hpp"
#include "rig/campaign/campaign_report.hpp"
#include "rig/config/procedure_file.hpp"
#include "rig/config/procedure_lookup.hpp"
#include "rig/core/applicability.hpp"
#include "rig/history/campaign_history.hpp"
#include "rig/platform/realtime.hpp"
#include "rig/protocol/fob_label.hpp"
#include "rig/protocol/message.hpp"
#include "rig/record/interlock_text.hpp"
#include "rig/record/run_json.hpp"
#include "rig/record/utc_text.hpp"

#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>

namespace fobrig {

namespace {

using protocol::RequestError;

// How often the control thread looks at the run's held contacts, and how long past a
// contact's maximum hold it leaves the run's own guard (which opens it at that instant).
constexpr auto guard_period = std::chrono::milliseconds(10);
constexpr Duration guard_grace = milliseconds(20);

const char* mode_name(RunMode mode) {
    return mode == RunMode::program ? "program" : "verify";
}

Procedure load_procedure(const ProcedureSource& source, const std::filesystem::path& dir) {
    LoadResult<Procedure> loaded;
    if (!source.text.empty()) {
        loaded = parse_procedure(source.text, source.text_name);
    } else {
        std::filesystem::path path;
        try {
            path = procedure_by_id(source.id, dir);
        } catch (const std::invalid_argument& error) {
            throw RequestError("bad-field", error.what(), "procedure");
        } catch (const std::exception& error) {
            throw RequestError("unknown-procedure", error.what(), "procedure");
        }
        loaded = load_procedure_file(path);
    }
    if (!loaded.ok()) {
        // A file that could not be read (line 0) is not an invalid one: say which it was.
        const bool unread = std::ranges::any_of(
            loaded.errors, [](const Diagnostic& error) { return error.line == 0; });
        std::string text = unread ? "nothing was driven: the procedure file could not be read:"
                                  : "the procedure is invalid:";
        for (const auto& error : loaded.errors) {
            text += "\n" + format(error);
        }
        throw RequestError("invalid-procedure", text,
                           source.text.empty() ? "procedure" : "procedure_text");
    }
    return std::move(*loaded.value);
}

std::string error_text(const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& known) {
        return known.what();
    } catch (...) {
        return "an error of unknown type";
    }
}

// The record of a run that an error stopped before it could make its own.
RunRecord stopped_by_error(const RunRequest& request, const std::exception_ptr& error) {
    RunRecord record{.id = request.run_id,
                     .procedure_id = request.procedure.id,
                     .procedure_name = request.procedure.name,
                     .rig_name = request.rig.name,
                     .started_utc = request.started_utc,
                     .outcome = RunOutcome::failed,
                     .reason = "the run stopped on an error: " + error_text(error)};
    for (const auto& fob : request.fobs) {
        record.fobs.push_back({.slot = fob.slot, .label = fob.label, .reason = record.reason});
    }
    return record;
}

std::string joined(const std::vector<std::string>& parts) {
    std::string text;
    for (const auto& part : parts) {
        text += (text.empty() ? "" : "; ") + part;
    }
    return text;
}

// Campaign ids are time-sortable, like run ids, and never reused.
std::string new_campaign_id(CampaignHistory& store) {
    const std::string base = "batch-" + utc_text(std::chrono::system_clock::now(), "%Y%m%d-%H%M%S");
    std::string id = base;
    for (int n = 2; store.load(id); ++n) {
        id = base + "-" + std::to_string(n);
    }
    return id;
}

} // namespace

RunController::RunController(boost::asio::io_context& io, const Rig& rig,
                             std::filesystem::path procedures_dir, RunHistory* history,
                             RigHardware& hardware, std::optional<int> realtime_priority,
                             Broadcast broadcast)
    : io_(io), rig_(rig), procedures_dir_(std::move(procedures_dir)), history_(history),
      hardware_(hardware), realtime_priority_(realtime_priority), broadcast_(std::move(broadcast)),
      events_(io, [this](const RunEvent& event) { on_event(event); }),
      gate_(hardware.backend(),
            [this] {
                // On the run's thread: flags only. A campaign stops without its restoring
                // round, which would press too; it can be resumed under a new lease.
                abort_.store(true);
                if (campaign_stop_) {
                    campaign_stop_->halt();
                }
            }),
      guard_timer_(io) {}

RunController::~RunController() {
    halt();
    if (thread_.joinable()) {
        thread_.join();
    }
}

void RunController::refuse_if_busy() const {
    if (!history_) {
        throw RequestError("state-unavailable",
                           "the state folder cannot be used, so no run is started (fobrig "
                           "status says why)");
    }
    if (run_) {
        const std::string step = run_->current_step.value("step", "starting");
        throw RequestError("busy", "the rig is busy with " + run_->mode + " " + run_->id + " (" +
                                       run_->procedure + ", step " + step + ")");
    }
}

void RunController::begin(ActiveRun run) {
    run_ = std::move(run);
    abort_.store(false);
    gate_.begin(next_permit_);
    fleet_run_ = next_permit_.has_value();
    next_permit_.reset();
    events_.start();
    event_json_.emplace(hardware_.target());
    observer_ =
        std::make_unique<EventObserver>([this](const RunEvent& event) { events_.push(event); });
    console_ = std::make_unique<DaemonConsole>(hardware_.clock(), *observer_, hardware_.hands());
    pulse_ = std::make_unique<RunPulse>(rig_.outputs.size());
    beats_seen_ = 0;
    guard_stop_.reset();
    hardware_.rearm();
    // A virtual clock does not stall, and its time is not the control thread's to read.
    if (realtime_priority_) {
        watch_run_thread();
    }
}

void RunController::watch_run_thread() {
    guard_timer_.expires_after(guard_period);
    guard_timer_.async_wait([this](const boost::system::error_code& error) {
        if (error || !run_) {
            return; // cancelled, or destroyed with this controller: `this` may be gone
        }
        if (const auto channel = pulse_->overdue(hardware_.clock().now(), guard_grace);
            channel && !guard_stop_) {
            hardware_.trip();
            const OutputChannel& output = rig_.outputs[*channel];
            guard_stop_ = "stopped by the guard: the run's thread did not come back to open " +
                          channel_text(output) + " within its " + "maximum hold (" +
                          duration_text(output.max_hold) +
                          "), so the control thread opened every output";
            spdlog::error("run {}: {}", run_->id, *guard_stop_);
            halt();
        }
        watch_run_thread();
    });
}

bool RunController::run_thread_beating() {
    if (!run_ || !pulse_) {
        return true;
    }
    const std::uint64_t beats = pulse_->beats();
    const bool beating = beats != beats_seen_;
    beats_seen_ = beats;
    return beating;
}

void RunController::launch(std::function<void(std::optional<RealtimeRecord>)> work) {
    thread_ = std::thread([this, work = std::move(work)] {
        // Real-time shape for the thread that plays edges; a virtual clock needs none.
        std::optional<RealtimeRecord> realtime;
        if (realtime_priority_) {
            const auto report = platform::make_realtime({.priority = *realtime_priority_});
            if (!report.granted()) {
                spdlog::warn("{}", report.summary());
            }
            realtime = report.record();
        }
        work(realtime);
    });
}

std::string RunController::start(const RunParams& params) {
    refuse_if_busy();
    auto procedure = std::make_shared<Procedure>(load_procedure(params.procedure, procedures_dir_));
    if (const auto refusal = refuse_key_type(*procedure, params.key_type)) {
        throw RequestError("refused-key-type", *refusal, "key_type");
    }
    const std::vector<FobUnderTest> fobs = fobs_in_slots(rig_, params.slots, params.labels);
    if (const auto stray = stray_label(fobs, params.labels)) {
        throw RequestError("bad-field", *stray, "labels");
    }
    auto request = std::make_shared<RunRequest>(
        RunRequest{.procedure = *procedure, .rig = rig_, .fobs = fobs, .mode = params.mode});
    if (const auto refusals = run_refusals(*request); !refusals.empty()) {
        throw RequestError("refused", joined(refusals), "slots");
    }

    request->run_id = history_->reserve_run(procedure->id);
    request->started_utc = iso_utc(std::chrono::system_clock::now());
    try {
        history_->run_started({.id = request->run_id,
                               .started_utc = request->started_utc,
                               .procedure_id = procedure->id,
                               .rig_name = rig_.name,
                               .mode = mode_name(params.mode),
                               .key_table = procedure->applies_to.key_table,
                               .max_keys = procedure->applies_to.max_keys,
                               .fobs = fobs,
                               .status = "running"});
    } catch (const std::exception& error) {
        // A run that could not keep its record is never driven.
        throw RequestError("record-unavailable",
                           std::string("nothing was driven: the run's record cannot be kept: ") +
                               error.what());
    }
    begin({.id = request->run_id,
           .procedure = procedure->id,
           .mode = mode_name(params.mode),
           .fobs = fobs,
           .current_step = nlohmann::json::object()});
    spdlog::info("run {}: {} {} on slots {}", request->run_id, mode_name(params.mode),
                 procedure->id, slots_text(fobs));

    // The run owns its procedure and request until it ends; it posts its record back.
    launch([this, procedure, request](std::optional<RealtimeRecord> realtime) {
        RunRecord record;
        try {
            record = run_procedure(*request, {hardware_.clock(), gate_, *console_, abort_,
                                              observer_.get(), pulse_.get()});
        } catch (...) {
            // The run's own guard opens its outputs on every error it sees; this is for
            // one from outside it (setting it up), which must not end the daemon either.
            hardware_.backend().open_all();
            record = stopped_by_error(*request, std::current_exception());
        }
        if (realtime) {
            record.realtime = *realtime;
        }
        record.target = hardware_.target();
        add_car_notes(record, hardware_.take_car_notes());
        boost::asio::post(
            io_, [this, record = std::move(record)]() mutable { finished(std::move(record)); });
    });
    return request->run_id;
}

std::string RunController::start_campaign(const CampaignParams& params) {
    refuse_if_busy();
    const auto database = history_->database_file();
    CampaignHistory store(database);
    std::optional<CampaignProgress> stored;
    if (!params.resume.empty()) {
        stored = store.load(params.resume);
        if (!stored) {
            throw RequestError("unknown-campaign", "there is no campaign " + params.resume,
                               "resume");
        }
    }
    const ProcedureSource source =
        stored ? ProcedureSource{.id = stored->plan.request.procedure_id} : params.procedure;
    auto procedure = std::make_shared<Procedure>(load_procedure(source, procedures_dir_));

    std::shared_ptr<CampaignPlan> plan;
    if (!stored) {
        CampaignRequest request{.id = new_campaign_id(store),
                                .procedure_id = procedure->id,
                                .rig_name = rig_.name,
                                .started_utc = iso_utc(std::chrono::system_clock::now()),
                                .verify_only = params.verify_only};
        const auto add = [&](const std::vector<int>& numbers, bool keep) {
            for (const int number : numbers) {
                const auto label = params.labels.find(number);
                request.fobs.push_back({.number = number,
                                        .label = label == params.labels.end() ? "" : label->second,
                                        .keep = keep});
            }
        };
        add(params.keep, true);
        add(params.spares, false);
        if (const auto refusals = campaign_refusals(request, *procedure, rig_); !refusals.empty()) {
            throw RequestError("refused", joined(refusals), "keep");
        }
        plan = std::make_shared<CampaignPlan>(plan_campaign(request, *procedure, rig_));
    }
    const std::string id = stored ? params.resume : plan->request.id;
    std::vector<FobUnderTest> fobs;
    for (const auto& fob : stored ? stored->plan.fobs : plan->fobs) {
        fobs.push_back({fob.slot, fob.label});
    }
    begin({.id = id,
           .procedure = procedure->id,
           .mode = "batch",
           .fobs = fobs,
           .current_step = nlohmann::json::object()});
    campaign_stop_ = std::make_unique<CampaignStop>();
    spdlog::info("campaign {}: {} {} fobs{}", id, procedure->id, fobs.size(),
                 stored ? " (resumed)" : "");

    launch([this, procedure, plan, id, database](std::optional<RealtimeRecord>) {
        // The campaign's own connections: it saves its progress and its runs on this thread,
        // and never waits for the control loop (SQLite's WAL lets both write the one file).
        CampaignReport report;
        try {
            CampaignHistory campaign_store(database);
            RunHistory runs(database.parent_path());
            const CampaignServices services{
                .clock = hardware_.clock(),
                .backend = gate_,
                .console = *console_,
                .store = campaign_store,
                .stop = *campaign_stop_,
                .observer = observer_.get(),
                .pulse = pulse_.get(),
                .run_starting =
                    [this, &runs](RunRequest& request) { campaign_run_starting(runs, request); },
                .run_finished =
                    [this, &runs](const RunRecord& record) {
                        RunRecord finished = record;
                        finished.reason = with_lapse(std::move(finished.reason));
                        finished.target = hardware_.target();
                        add_car_notes(finished, hardware_.take_car_notes());
                        try {
                            runs.run_finished(finished);
                        } catch (const std::exception& error) {
                            // The run stays "running" in the index until the next start
                            // calls it interrupted; the campaign's own progress has it.
                            spdlog::error("run {}: could not record it: {}", record.id,
                                          error.what());
                        }
                    },
                .saved =
                    [this, begun = hardware_.clock().now(),
                     first_round = std::optional<int>()](const CampaignProgress& progress) mutable {
                        first_round = first_round.value_or(round_under_way(progress));
                        observer_->campaign_progressed(
                            progress,
                            campaign_pace(progress, hardware_.clock().now() - begun, *first_round));
                    }};
            report = plan ? run_campaign(*plan, *procedure, rig_, services)
                          : resume_campaign(id, *procedure, rig_, services);
        } catch (...) {
            hardware_.backend().open_all();
            report.id = id;
            report.stop_reason = error_text(std::current_exception());
            spdlog::error("campaign {}: {}", id, report.stop_reason);
        }
        boost::asio::post(io_, [this, report] { campaign_finished(report); });
    });
    return id;
}

void RunController::campaign_run_starting(RunHistory& runs, RunRequest& request) {
    request.run_id = runs.reserve_run(request.procedure.id);
    request.started_utc = iso_utc(std::chrono::system_clock::now());
    // Each session of a campaign starts with the ritual's way this car answered last, in this
    // campaign or before it: a box of fobs is not put through a known-bad way first each time.
    request.first_variant = runs.last_answered_variant(request.procedure.id, rig_.name);
    runs.run_started({.id = request.run_id,
                      .started_utc = request.started_utc,
                      .procedure_id = request.procedure.id,
                      .rig_name = rig_.name,
                      .mode = mode_name(request.mode),
                      .key_table = request.procedure.applies_to.key_table,
                      .max_keys = request.procedure.applies_to.max_keys,
                      .fobs = request.fobs,
                      .status = "running"});
}

std::string RunController::with_lapse(std::string reason) const {
    return gate_.lapsed() ? LeaseLapsed().what() + ("; " + reason) : reason;
}

void RunController::permit_next_run(std::optional<Instant> until) {
    next_permit_ = until;
}

void RunController::renew_permit(std::optional<Instant> until) {
    if (run_ && fleet_run_) {
        // A lease ended by its holder ends the permit now.
        gate_.extend(until.value_or(Instant{}));
    }
}

bool RunController::abort() {
    if (!run_) {
        return false;
    }
    if (campaign_stop_) {
        campaign_stop_->stop_testing();
    }
    abort_.store(true);
    return true;
}

void RunController::halt() {
    if (campaign_stop_) {
        campaign_stop_->halt();
    }
    abort_.store(true);
}

void RunController::on_event(const RunEvent& happened) {
    if (!event_json_) {
        return;
    }
    const nlohmann::json event = (*event_json_)(happened);
    if (run_ && std::holds_alternative<StepBegun>(happened)) {
        run_->current_step = event;
    }
    broadcast_(event);
}

std::string RunController::keep(const RunRecord& record) {
    try {
        history_->run_finished(record);
        return "";
    } catch (const std::exception& error) {
        spdlog::error("run {}: could not record it: {}", record.id, error.what());
        return error.what();
    }
}

void RunController::finished(RunRecord record) {
    thread_.join();
    if (guard_stop_) {
        record.outcome = RunOutcome::failed;
        record.reason = *guard_stop_ + (record.reason.empty() ? "" : "; then: " + record.reason);
    }
    record.reason = with_lapse(std::move(record.reason));
    const std::string record_error = keep(record);
    spdlog::info("run {}: {}, {}", record.id, to_string(record.outcome), record.reason);
    nlohmann::json fobs = nlohmann::json::array();
    for (const auto& fob : record.fobs) {
        fobs.push_back(to_json(fob));
    }
    nlohmann::json verdict{{"run", record.id},
                           {"outcome", to_string(record.outcome)},
                           {"reason", record.reason},
                           {"target", to_json(*record.target)},
                           {"fobs", fobs}};
    if (!record_error.empty()) {
        verdict["record_error"] = record_error;
    }
    become_idle(protocol::event("verdict", std::move(verdict)));
}

void RunController::campaign_finished(CampaignReport report) {
    thread_.join();
    if (guard_stop_) {
        report.stop_reason = *guard_stop_;
    }
    report.stop_reason = with_lapse(std::move(report.stop_reason));
    campaign_stop_.reset();
    spdlog::info("campaign {}: {}", report.id, campaign_summary(report));
    become_idle(protocol::event("campaign", {{"run", report.id},
                                             {"finished", report.finished},
                                             {"summary", campaign_summary(report)},
                                             {"table", campaign_table(report)},
                                             {"csv", campaign_csv(report)},
                                             {"report", campaign_json(report)}}));
}

void RunController::become_idle(const nlohmann::json& last_event) {
    guard_timer_.cancel();
    // The run's last events come before its verdict.
    if (const auto dropped = events_.stop()) {
        spdlog::warn("{} events of {} were dropped: no client was reading them fast enough",
                     dropped, run_->id);
    }
    run_.reset();
    console_.reset();
    observer_.reset();
    broadcast_(last_event);
    auto waiters = std::move(idle_waiters_);
    for (auto& then : waiters) {
        then();
    }
}

void RunController::when_idle(std::function<void()> then) {
    if (!run_) {
        then();
        return;
    }
    idle_waiters_.push_back(std::move(then));
}

nlohmann::json RunController::status() const {
    nlohmann::json status{{"busy", busy()},
                          {"rig", rig_.name},
                          {"slots", rig_.slots},
                          {"target", to_json(hardware_.target())}};
    if (const auto interlock = interlock_record(rig_)) {
        status["interlock"] = to_json(*interlock);
        status["interlock"]["text"] = interlock_text(*interlock);
    }
    if (run_) {
        nlohmann::json fobs = nlohmann::json::array();
        for (const auto& fob : run_->fobs) {
            fobs.push_back({{"slot", fob.slot}, {"label", fob.label}});
        }
        status["run"] = {{"id", run_->id},
                         {"procedure", run_->procedure},
                         {"mode", run_->mode},
                         {"fobs", fobs},
                         {"step", run_->current_step}};
    }
    return status;
}

} // namespace fobrig
