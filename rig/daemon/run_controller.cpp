#include "rig/daemon/run_controller.hpp"

#include "rig/config/procedure_file.hpp"
#include "rig/config/procedure_lookup.hpp"
#include "rig/core/applicability.hpp"
#include "rig/platform/realtime.hpp"
#include "rig/protocol/message.hpp"
#include "rig/record/run_json.hpp"
#include "rig/record/utc_text.hpp"

#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

namespace fobrig {

namespace {

using protocol::RequestError;

const char* mode_name(RunMode mode) {
    return mode == RunMode::program ? "program" : "verify";
}

Procedure load_procedure(const std::string& name, const std::filesystem::path& dir) {
    std::filesystem::path path;
    try {
        path = find_procedure(name, dir);
    } catch (const std::exception& error) {
        throw RequestError("unknown-procedure", error.what(), "procedure");
    }
    auto loaded = load_procedure_file(path);
    if (!loaded.ok()) {
        std::string text = "the procedure file is invalid:";
        for (const auto& error : loaded.errors) {
            text += "\n" + format(error);
        }
        throw RequestError("invalid-procedure", text, "procedure");
    }
    return std::move(*loaded.value);
}

} // namespace

RunController::RunController(boost::asio::io_context& io, const Rig& rig,
                             std::filesystem::path procedures_dir, RunHistory& history,
                             sim::SimulatedRig& hardware, std::optional<int> realtime_priority,
                             Broadcast broadcast)
    : io_(io), rig_(rig), procedures_dir_(std::move(procedures_dir)), history_(history),
      hardware_(hardware), realtime_priority_(realtime_priority), broadcast_(std::move(broadcast)) {
}

RunController::~RunController() {
    abort_.store(true);
    if (thread_.joinable()) {
        thread_.join();
    }
}

std::string RunController::start(const RunParams& params) {
    if (run_) {
        const std::string step = run_->current_step.value("step", "starting");
        throw RequestError("busy", "the rig is busy with run " + run_->id + " (" + run_->procedure +
                                       ", step " + step + ")");
    }
    auto procedure = std::make_shared<Procedure>(load_procedure(params.procedure, procedures_dir_));
    const std::string key_type = params.key_type.empty() && !procedure->applies_to.key_types.empty()
                                     ? procedure->applies_to.key_types.front()
                                     : params.key_type;
    if (const auto refusal = refuse_key_type(*procedure, key_type)) {
        throw RequestError("refused-key-type", *refusal, "key_type");
    }
    std::vector<FobUnderTest> fobs;
    for (const int slot : params.slots.empty() ? rig_.slots : params.slots) {
        const auto label = params.labels.find(slot);
        fobs.push_back({slot, label == params.labels.end() ? "" : label->second});
    }
    auto request = std::make_shared<RunRequest>(
        RunRequest{.procedure = *procedure, .rig = rig_, .fobs = fobs, .mode = params.mode});
    if (const auto refusals = run_refusals(*request); !refusals.empty()) {
        std::string text;
        for (const auto& refusal : refusals) {
            text += (text.empty() ? "" : "; ") + refusal;
        }
        throw RequestError("refused", text, "slots");
    }

    request->run_id = history_.reserve_run(procedure->id);
    request->started_utc = iso_utc(std::chrono::system_clock::now());
    history_.run_started({.id = request->run_id,
                          .started_utc = request->started_utc,
                          .procedure_id = procedure->id,
                          .rig_name = rig_.name,
                          .mode = mode_name(params.mode),
                          .fobs = fobs,
                          .status = "running"});
    run_ = ActiveRun{.id = request->run_id,
                     .procedure = procedure->id,
                     .mode = params.mode,
                     .fobs = fobs,
                     .current_step = nlohmann::json::object()};
    abort_.store(false);
    observer_ = std::make_unique<EventObserver>([this](nlohmann::json event) {
        boost::asio::post(io_, [this, event = std::move(event)] { on_event(event); });
    });
    console_ = std::make_unique<DaemonConsole>(hardware_.clock(), *observer_,
                                               &hardware_.operator_console());
    spdlog::info("run {}: {} {} on slots {}", request->run_id, mode_name(params.mode),
                 procedure->id, fobs.size());

    // The run owns its procedure and request until it ends; it posts its record back.
    thread_ = std::thread([this, procedure, request] {
        // Real-time shape for the thread that plays edges; a virtual clock needs none.
        std::optional<platform::RealtimeReport> realtime;
        if (realtime_priority_) {
            realtime = platform::make_realtime({.priority = *realtime_priority_});
            if (!realtime->granted()) {
                spdlog::warn("run {}: {}", request->run_id, realtime->summary());
            }
        }
        RunRecord record = run_procedure(
            *request, {hardware_.clock(), hardware_.backend(), *console_, abort_, observer_.get()});
        if (realtime) {
            record.realtime = realtime->record();
        }
        boost::asio::post(
            io_, [this, record = std::move(record)]() mutable { finished(std::move(record)); });
    });
    return request->run_id;
}

bool RunController::abort() {
    if (!run_) {
        return false;
    }
    abort_.store(true);
    return true;
}

void RunController::on_event(const nlohmann::json& event) {
    if (run_ && event.value("event", "") == "step") {
        run_->current_step = event;
    }
    broadcast_(event);
}

void RunController::finished(RunRecord record) {
    thread_.join();
    const std::string id = record.id;
    try {
        history_.run_finished(record);
    } catch (const std::exception& error) {
        spdlog::error("run {}: could not record it: {}", id, error.what());
    }
    spdlog::info("run {}: {}, {}", id, to_string(record.outcome), record.reason);
    nlohmann::json fobs = nlohmann::json::array();
    for (const auto& fob : record.fobs) {
        fobs.push_back(to_json(fob));
    }
    run_.reset();
    console_.reset();
    observer_.reset();
    broadcast_(protocol::event("verdict", {{"run", id},
                                           {"outcome", to_string(record.outcome)},
                                           {"reason", record.reason},
                                           {"fobs", fobs}}));
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
    nlohmann::json status{{"busy", busy()}, {"rig", rig_.name}, {"slots", rig_.slots}};
    if (run_) {
        nlohmann::json fobs = nlohmann::json::array();
        for (const auto& fob : run_->fobs) {
            fobs.push_back({{"slot", fob.slot}, {"label", fob.label}});
        }
        status["run"] = {{"id", run_->id},
                         {"procedure", run_->procedure},
                         {"mode", mode_name(run_->mode)},
                         {"fobs", fobs},
                         {"step", run_->current_step}};
    }
    return status;
}

} // namespace fobrig
