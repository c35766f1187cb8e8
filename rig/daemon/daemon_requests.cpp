// The daemon's answer to each request of the control protocol.
#include "rig/daemon/daemon.hpp"

#include "rig/campaign/campaign_report.hpp"
#include "rig/history/campaign_history.hpp"
#include "rig/protocol/message.hpp"
#include "rig/record/run_json.hpp"

#include <spdlog/spdlog.h>

namespace fobrig {

using protocol::Request;
using protocol::RequestError;

namespace {

nlohmann::json summary_json(const RunSummary& run) {
    nlohmann::json fobs = nlohmann::json::array();
    for (const auto& fob : run.fobs) {
        fobs.push_back({{"slot", fob.slot}, {"label", fob.label}});
    }
    return {{"id", run.id},
            {"started", run.started_utc},
            {"finished", run.finished_utc},
            {"procedure", run.procedure_id},
            {"rig", run.rig_name},
            {"mode", run.mode},
            {"fobs", fobs},
            {"status", run.status},
            {"reason", run.reason}};
}

} // namespace

nlohmann::json Daemon::handle(const std::string& line, ClientSession& client) {
    nlohmann::json id = nullptr;
    try {
        const Request request = Request::parse(line);
        id = request.id();
        return protocol::answer(id, dispatch(request, client));
    } catch (const RequestError& error) {
        return protocol::refusal(id, error);
    } catch (const std::exception& error) {
        // Whatever a client sends, the daemon answers and goes on.
        spdlog::error("control socket: a request failed: {}", error.what());
        return protocol::refusal(id, "internal", error.what());
    }
}

nlohmann::json Daemon::dispatch(const Request& request, ClientSession& client) {
    const std::string& name = request.name();
    if (name == "status") {
        nlohmann::json status = runs_->status();
        status["gpio_release"] = release_policy_json();
        if (interrupted_campaign_) {
            status["interrupted_campaign"] = *interrupted_campaign_;
        }
        return status;
    }
    if (name == "batch") {
        return start_batch(request);
    }
    if (name == "fobs") {
        return list_fobs(request);
    }
    if (name == "program") {
        return start_run(request, RunMode::program);
    }
    if (name == "verify") {
        return start_run(request, RunMode::verify);
    }
    if (name == "abort") {
        return {{"aborting", runs_->abort()}};
    }
    if (name == "ack") {
        if (!runs_->acknowledge()) {
            throw RequestError("nothing-to-acknowledge", "no operator step is waiting");
        }
        return nlohmann::json::object();
    }
    if (name == "runs") {
        return list_runs(request);
    }
    if (name == "show") {
        return show_run(request);
    }
    if (name == "subscribe") {
        client.subscribe();
        return runs_->status();
    }
    if (name == "reload") {
        try {
            return {{"reloaded", reload()}};
        } catch (const std::runtime_error& error) {
            if (const auto* refused = dynamic_cast<const RequestError*>(&error)) {
                throw *refused;
            }
            throw RequestError("invalid-config", error.what());
        }
    }
    throw RequestError("unknown-request",
                       "unknown request '" + name +
                           "'; known: status, program, verify, batch, abort, ack, runs, show, "
                           "fobs, subscribe, reload",
                       "request");
}

nlohmann::json Daemon::start_run(const Request& request, RunMode mode) {
    refuse_if_release_unsafe();
    RunParams params{.mode = mode,
                     .procedure = request.required_text("procedure"),
                     .slots = request.slots("slots"),
                     .labels = request.labels("labels"),
                     .key_type = request.text("key_type").value_or("")};
    return {{"run", runs_->start(params)}};
}

nlohmann::json Daemon::start_batch(const Request& request) {
    CampaignParams params{.procedure = request.text("procedure").value_or(""),
                          .keep = request.slots("keep"),
                          .spares = request.slots("spares"),
                          .labels = request.labels("labels"),
                          .verify_only = request.flag("verify_only"),
                          .resume = request.text("resume").value_or("")};
    refuse_if_release_unsafe();
    if (params.resume.empty() && params.procedure.empty()) {
        throw RequestError("bad-field", "request 'batch': field 'procedure' must be given",
                           "procedure");
    }
    const std::string id = runs_->start_campaign(params);
    if (interrupted_campaign_ && interrupted_campaign_->value("id", "") == id) {
        interrupted_campaign_.reset();
    }
    return {{"campaign", id}};
}

nlohmann::json Daemon::list_fobs(const Request& request) {
    CampaignHistory campaigns(history_.database_file());
    const auto label = request.text("label");
    nlohmann::json fobs = nlohmann::json::array();
    for (const auto& entry : label ? campaigns.fob_history(*label) : campaigns.fobs()) {
        nlohmann::json fob = fob_json(entry.fob);
        fob["campaign"] = entry.campaign_id;
        fob["started"] = entry.started_utc;
        fob["procedure"] = entry.procedure_id;
        fobs.push_back(std::move(fob));
    }
    return {{"fobs", fobs}};
}

nlohmann::json Daemon::list_runs(const Request& request) {
    const auto limit = request.integer("limit", 1, 10000).value_or(20);
    const auto offset = request.integer("offset", 0, 100000000).value_or(0);
    nlohmann::json runs = nlohmann::json::array();
    for (const auto& run :
         history_.list(static_cast<std::size_t>(limit), static_cast<std::size_t>(offset))) {
        runs.push_back(summary_json(run));
    }
    return {{"runs", runs}};
}

nlohmann::json Daemon::show_run(const Request& request) {
    const std::string id = request.required_text("run");
    std::optional<RunSummary> summary;
    try {
        summary = history_.find(id);
    } catch (const std::invalid_argument& error) {
        throw RequestError("bad-field", error.what(), "run");
    }
    if (!summary) {
        throw RequestError("unknown-run", "there is no run " + id, "run");
    }
    nlohmann::json answer{{"summary", summary_json(*summary)}};
    if (summary->status != "running" && summary->status != "interrupted") {
        answer["record"] = to_json(history_.load(id));
    }
    return answer;
}

} // namespace fobrig
