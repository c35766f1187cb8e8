// The daemon's answer to each request of the control protocol.
#include "rig/daemon/daemon.hpp"

#include "rig/campaign/campaign_report.hpp"
#include "rig/history/campaign_history.hpp"
#include "rig/history/key_table.hpp"
#include "rig/picture/run_export.hpp"
#include "rig/protocol/message.hpp"
#include "rig/record/run_json.hpp"

#include <spdlog/spdlog.h>

namespace fobrig {

using protocol::Request;
using protocol::RequestError;

namespace {

// One `runs` answer is at most this many runs (about 300 bytes each); `offset` pages on.
constexpr std::int64_t max_runs_page = 200;

// A procedure's text sent on the wire; a real one is a few kilobytes.
constexpr std::size_t max_procedure_text = 32 * 1024;

// `procedure` (an id) or `procedure_text` (the file's contents, with `procedure_file` naming
// it in diagnostics); nothing when `optional` and neither is there.
std::optional<ProcedureSource> requested_procedure(const Request& request, bool optional) {
    auto text = request.text("procedure_text");
    if (!text) {
        if (optional && !request.text("procedure")) {
            return std::nullopt;
        }
        return ProcedureSource{.id = request.required_text("procedure")};
    }
    if (request.text("procedure")) {
        throw RequestError("bad-field",
                           "request '" + request.name() +
                               "': give 'procedure' (an id) or 'procedure_text', not both",
                           "procedure");
    }
    if (text->empty() || text->size() > max_procedure_text) {
        throw RequestError("bad-field",
                           "request '" + request.name() +
                               "': field 'procedure_text' must be a procedure file's text of 1 "
                               "to " +
                               std::to_string(max_procedure_text) + " bytes",
                           "procedure_text");
    }
    return ProcedureSource{.text = std::move(*text),
                           .text_name = request.text("procedure_file").value_or("procedure_text")};
}

} // namespace

nlohmann::json Daemon::handle(const std::string& line, ClientSession* client) {
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

nlohmann::json Daemon::dispatch(const Request& request, ClientSession* client) {
    const std::string& name = request.name();
    if (name == "status") {
        nlohmann::json status = this->status();
        if (!history_) {
            status["state_error"] = history_problem_;
        }
        if (history_) {
            status["key_table"] = key_table_json();
        }
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
        return {{"aborting", runs_ && runs_->abort()}};
    }
    if (name == "ack") {
        if (!runs_ || !runs_->acknowledge()) {
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
    if (name == "subscribe" && client) {
        client->subscribe();
        return status();
    }
    if (name == "web-url" && client) {
        return web_url();
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
                           "fobs, subscribe, reload, web-url",
                       "request");
}

nlohmann::json Daemon::start_run(const Request& request, RunMode mode) {
    refuse_if_release_unsafe();
    refuse_if_leased();
    RunParams params{.mode = mode,
                     .procedure = *requested_procedure(request, false),
                     .slots = request.slots("slots"),
                     .labels = request.labels("labels"),
                     .key_type = request.text("key_type").value_or("")};
    const std::string id = runs().start(params);
    nlohmann::json notes = nlohmann::json::array();
    if (mode == RunMode::verify) {
        KeyTable keys(history().database_file());
        for (const auto& fob : fobs_in_slots(rig_, params.slots, params.labels)) {
            if (const auto note = keys.deprogrammed(rig_.name, fob)) {
                spdlog::warn("run {}: {}", id, *note);
                notes.push_back(*note);
            }
        }
    }
    return {{"run", id}, {"notes", notes}};
}

nlohmann::json Daemon::key_table_json() {
    const auto keys = KeyTable(history().database_file()).known_keys(rig_.name);
    nlohmann::json fobs = nlohmann::json::array();
    if (!keys) {
        return {{"run", nullptr}, {"fobs", fobs}};
    }
    for (const auto& fob : keys->fobs) {
        fobs.push_back({{"slot", fob.slot}, {"label", fob.label}});
    }
    return {{"run", keys->run_id}, {"finished", keys->finished_utc}, {"fobs", fobs}};
}

nlohmann::json Daemon::start_batch(const Request& request) {
    const auto procedure = requested_procedure(request, true);
    CampaignParams params{.procedure = procedure.value_or(ProcedureSource{}),
                          .keep = request.slots("keep"),
                          .spares = request.slots("spares"),
                          .labels = request.labels("labels"),
                          .verify_only = request.flag("verify_only"),
                          .resume = request.text("resume").value_or("")};
    refuse_if_release_unsafe();
    refuse_if_leased();
    if (params.resume.empty() && !procedure) {
        throw RequestError("bad-field", "request 'batch': field 'procedure' must be given",
                           "procedure");
    }
    const std::string id = runs().start_campaign(params);
    if (interrupted_campaign_ && interrupted_campaign_->value("id", "") == id) {
        interrupted_campaign_.reset();
    }
    return {{"campaign", id}};
}

nlohmann::json Daemon::list_fobs(const Request& request) {
    CampaignHistory campaigns(history().database_file());
    const auto label = request.text("label");
    nlohmann::json fobs = nlohmann::json::array();
    for (const auto& entry : label ? campaigns.fob_history(*label) : campaigns.fobs()) {
        nlohmann::json fob = fob_json(entry.fob);
        fob["campaign"] = entry.campaign_id;
        fob["started"] = entry.started_utc;
        fob["procedure"] = entry.procedure_id;
        fobs.push_back(std::move(fob));
    }
    // Fobs labelled in program and verify runs, with that run's verdict for them.
    for (const auto& entry :
         label ? history().fobs_by_label(*label, true) : history().labelled_fobs()) {
        const std::string result = !entry.passed   ? entry.status
                                   : *entry.passed ? entry.mode + " passed"
                                                   : entry.mode + " failed";
        fobs.push_back({{"label", entry.label},
                        {"run", entry.run_id},
                        {"slot", entry.slot},
                        {"started", entry.started_utc},
                        {"procedure", entry.procedure_id},
                        {"result", result},
                        {"reason", entry.reason}});
    }
    return {{"fobs", fobs}};
}

nlohmann::json Daemon::list_runs(const Request& request) {
    const auto limit = request.integer("limit", 1, max_runs_page).value_or(20);
    const auto offset = request.integer("offset", 0, 100000000).value_or(0);
    nlohmann::json runs = nlohmann::json::array();
    for (const auto& run :
         history().list(static_cast<std::size_t>(limit), static_cast<std::size_t>(offset))) {
        runs.push_back(to_json(run));
    }
    return {{"runs", runs}};
}

nlohmann::json Daemon::show_run(const Request& request) {
    std::string id = request.required_text("run");
    if (id == "latest") {
        const auto newest = history().list(1);
        id = newest.empty() ? id : newest.front().id;
    }
    std::optional<RunSummary> summary;
    try {
        summary = history().find(id);
    } catch (const std::invalid_argument& error) {
        throw RequestError("bad-field", error.what(), "run");
    }
    if (!summary) {
        throw RequestError("unknown-run", "there is no run " + id, "run");
    }
    const auto format = request.text("format");
    if (format && !is_export_format(*format)) {
        throw RequestError("bad-field",
                           "request 'show': field 'format' must be json, csv, vcd, svg or html",
                           "format");
    }
    nlohmann::json answer{{"summary", to_json(*summary)}};
    if (has_record(*summary)) {
        const RunRecord record = history().load(id);
        answer["record"] = to_json(record);
        if (format) {
            // The procedure as this daemon has it: the one the run was played from.
            const auto procedure = procedure_of(record, config_.procedures);
            answer["text"] = export_run(record, *format, procedure ? &*procedure : nullptr);
        }
    }
    return answer;
}

} // namespace fobrig
