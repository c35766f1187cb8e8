#include "rig/cli/run_source.hpp"

#include "rig/history/run_history.hpp"
#include "rig/record/run_directory.hpp"
#include "rig/record/run_json.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace fobrig {

namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

json refusal(const std::string& code, const std::string& message) {
    return {{"ok", false}, {"error", code}, {"message", message}};
}

RunSummary summary_of(const RunRecord& record) {
    RunSummary summary{.id = record.id,
                       .started_utc = record.started_utc,
                       .procedure_id = record.procedure_id,
                       .rig_name = record.rig_name,
                       .status = to_string(record.outcome),
                       .reason = record.reason};
    for (const auto& fob : record.fobs) {
        summary.fobs.push_back({fob.slot, fob.label});
    }
    return summary;
}

// A folder of --local runs has no index: its run ids sort by time, newest last.
std::vector<std::string> run_ids_newest_first(const fs::path& runs_dir) {
    std::vector<std::string> ids;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(runs_dir, error)) {
        if (entry.is_directory() && fs::exists(entry.path() / "run.json")) {
            ids.push_back(entry.path().filename().string());
        }
    }
    std::sort(ids.rbegin(), ids.rend());
    return ids;
}

json from_runs_dir(const fs::path& runs_dir, const json& request) {
    const auto ids = run_ids_newest_first(runs_dir);
    if (request.value("request", "") == "runs") {
        json runs = json::array();
        const auto limit = request.value("limit", 20);
        for (std::size_t i = 0; i < ids.size() && static_cast<int>(i) < limit; ++i) {
            runs.push_back(to_json(summary_of(read_run_directory(runs_dir / ids[i]))));
        }
        return {{"ok", true}, {"runs", runs}};
    }
    std::string id = request.value("run", "");
    if (id == "latest" && !ids.empty()) {
        id = ids.front();
    }
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
        return refusal("unknown-run",
                       "there is no finished run " + id + " in " + runs_dir.string());
    }
    const RunRecord record = read_run_directory(runs_dir / id);
    return {{"ok", true}, {"summary", to_json(summary_of(record))}, {"record", to_json(record)}};
}

json from_state_dir(const fs::path& state_dir, const json& request) {
    if (!fs::exists(state_dir / "history.sqlite3")) {
        return refusal("unknown-state", "there is no run history in " + state_dir.string());
    }
    RunHistory history(state_dir);
    if (request.value("request", "") == "runs") {
        json runs = json::array();
        for (const auto& run : history.list(static_cast<std::size_t>(request.value("limit", 20)))) {
            runs.push_back(to_json(run));
        }
        return {{"ok", true}, {"runs", runs}};
    }
    std::string id = request.value("run", "");
    if (id == "latest") {
        const auto newest = history.list(1);
        id = newest.empty() ? id : newest.front().id;
    }
    const auto summary = history.find(id);
    if (!summary) {
        return refusal("unknown-run", "there is no run " + id + " in " + state_dir.string());
    }
    json answer{{"ok", true}, {"summary", to_json(*summary)}};
    if (has_record(*summary)) {
        answer["record"] = to_json(history.load(id));
    }
    return answer;
}

} // namespace

json answer_offline(const RunPlace& place, const json& request) {
    try {
        return place.state_dir ? from_state_dir(*place.state_dir, request)
                               : from_runs_dir(*place.runs_dir, request);
    } catch (const std::exception& error) {
        return refusal("unreadable", error.what());
    }
}

} // namespace fobrig
