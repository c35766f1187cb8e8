// The run history over the run directories of rig/record and an SQLite index.
#include "rig/history/run_history.hpp"

#include "rig/history/history_schema.hpp"
#include "rig/record/run_directory.hpp"
#include "rig/record/utc_text.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <limits>
#include <stdexcept>
#include <string_view>
#include <system_error>

namespace fobrig {
namespace {

namespace fs = std::filesystem;

const std::string interrupted_reason = "the daemon stopped during the run (crash or power loss)";

// The columns summaries() reads, in its order.
constexpr std::string_view summary_columns =
    "SELECT id, started_utc, finished_utc, procedure_id, rig_name, mode, status, reason "
    "FROM runs ";

// Creates the folder if missing and checks that this process may add files to it: a daemon
// that finds out at the end of its first run has already lost that run.
void prepare_folder(const fs::path& dir) {
    std::error_code error;
    fs::create_directories(dir, error);
    if (!error && ::access(dir.c_str(), W_OK | X_OK) != 0) {
        error.assign(errno, std::generic_category());
    }
    if (error) {
        throw std::system_error(error, "cannot keep the run history in " + dir.string());
    }
}

fs::path prepared_runs_dir(const fs::path& state_dir) {
    prepare_folder(state_dir);
    prepare_folder(state_dir / "runs");
    return state_dir / "runs";
}

// A run id names a directory under runs/, and comes from clients: only plain names pass.
void check_id(const std::string& id) {
    const bool plain = !id.empty() && id.size() <= 200 && id.front() != '.' &&
                       std::all_of(id.begin(), id.end(), [](char c) {
                           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                  (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
                       });
    if (!plain) {
        throw std::invalid_argument("run id \"" + id +
                                    "\" is not a plain name (letters, digits, '-', '_' and '.', "
                                    "not starting with '.')");
    }
}

std::int64_t clamped(std::size_t n) {
    return static_cast<std::int64_t>(
        std::min<std::size_t>(n, std::numeric_limits<std::int64_t>::max()));
}

} // namespace

bool has_record(const RunSummary& run) {
    return run.status != "running" && run.status != "interrupted" && run.status != "record-failed";
}

nlohmann::json to_json(const RunSummary& run) {
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

RunHistory::RunHistory(const fs::path& state_dir, WallClock now)
    : state_dir_(state_dir), runs_dir_(prepared_runs_dir(state_dir)), now_(std::move(now)),
      database_(state_dir / "history.sqlite3") {
    database_.migrate(history_migrations());
}

fs::path RunHistory::run_dir(const std::string& id) const {
    check_id(id);
    return runs_dir_ / id;
}

std::vector<RunSummary> RunHistory::recover_interrupted() {
    SqliteStatement running(database_, std::string(summary_columns) +
                                           "WHERE status = 'running' ORDER BY started_utc, seq");
    SqliteTransaction transaction(database_);
    std::vector<RunSummary> changed = summaries(running);
    for (auto& run : changed) {
        const fs::path dir = run_dir(run.id);
        // The crash may have come after the files were durable and before the index was
        // updated; run.json is written last, so the run ended when it was.
        std::optional<RunRecord> record;
        std::string unreadable;
        if (fs::exists(dir / "run.json")) {
            try {
                record = read_run_directory(dir);
            } catch (const std::exception& error) {
                // One damaged file must not keep the daemon from starting.
                unreadable = "; its run.json cannot be read: " + std::string(error.what());
            }
        }
        if (record) {
            run.finished_utc =
                iso_utc(std::chrono::file_clock::to_sys(fs::last_write_time(dir / "run.json")));
            run.status = to_string(record->outcome);
            run.reason = record->reason;
            record_outcome(run.id, *record, run.finished_utc, "");
            continue;
        }
        run.status = "interrupted";
        run.reason = interrupted_reason + unreadable;
        SqliteStatement(database_, "UPDATE runs SET status = ?, reason = ? WHERE id = ?")
            .bind_all(run.status, run.reason, run.id)
            .step();
    }
    transaction.commit();
    return changed;
}

bool RunHistory::has_run(const std::string& id) {
    return SqliteStatement(database_, "SELECT 1 FROM runs WHERE id = ?").bind_all(id).step();
}

std::string RunHistory::reserve_run(const std::string& procedure_id) {
    const std::string base = utc_text(now_(), "%Y%m%d-%H%M%S") + "-" + procedure_id;
    check_id(base);
    // A directory left over from a run whose row is gone still counts as taken, and so does a
    // row whose directory was deleted.
    return reserve_run_directory(runs_dir_, base,
                                 [this](const std::string& id) { return has_run(id); });
}

void RunHistory::run_started(const RunSummary& run) {
    const fs::path dir = run_dir(run.id);
    try {
        auto files = std::make_unique<RunFiles>(dir);
        add_row(run);
        open_files_[run.id] = std::move(files);
    } catch (...) {
        std::error_code ignored;
        fs::remove(dir, ignored); // the reserved folder, empty again: nothing else is touched
        throw;
    }
}

void RunHistory::add_row(const RunSummary& run) {
    SqliteTransaction transaction(database_);
    SqliteStatement(database_,
                    "INSERT INTO runs (id, started_utc, procedure_id, rig_name, mode, status, "
                    "key_table, max_keys) VALUES (?, ?, ?, ?, ?, 'running', ?, ?)")
        .bind_all(run.id, run.started_utc, run.procedure_id, run.rig_name, run.mode,
                  std::string(name_of(run.key_table)), std::int64_t{run.max_keys})
        .step();
    SqliteStatement fob(database_, "INSERT INTO fobs (run_id, slot, label) VALUES (?, ?, ?)");
    for (const auto& f : run.fobs) {
        fob.bind_all(run.id, std::int64_t{f.slot}, f.label).step();
        fob.reset();
    }
    transaction.commit();
}

void RunHistory::record_outcome(const std::string& id, const RunRecord& record,
                                const std::string& finished_utc, const std::string& record_error) {
    const std::string outcome = to_string(record.outcome);
    SqliteStatement(database_,
                    "UPDATE runs SET status = ?, reason = ?, finished_utc = ?, variant = ? "
                    "WHERE id = ?")
        .bind_all(record_error.empty() ? outcome : "record-failed",
                  record_error.empty()
                      ? record.reason
                      : "the run ended " + outcome +
                            (record.reason.empty() ? "" : " (" + record.reason + ")") +
                            ", but its files could not be written: " + record_error,
                  finished_utc, answered_variant(record), id)
        .step();
    SqliteStatement fob(database_,
                        "INSERT INTO fobs (run_id, slot, label, passed, reason, programmed) "
                        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (run_id, slot) DO UPDATE SET "
                        "label = excluded.label, passed = excluded.passed, "
                        "reason = excluded.reason, programmed = excluded.programmed");
    for (const auto& f : record.fobs) {
        fob.bind_all(id, std::int64_t{f.slot}, f.label, std::int64_t{f.passed}, f.reason,
                     std::int64_t{f.programmed})
            .step();
        fob.reset();
    }
}

fs::path RunHistory::run_finished(const RunRecord& record) {
    check_id(record.id);
    if (!has_run(record.id)) {
        throw std::invalid_argument("run " + record.id + " was never started in " +
                                    database_.file().string());
    }
    // Files first: once the row says finished, load() must find them.
    const fs::path dir = run_dir(record.id);
    std::string record_error;
    try {
        auto open = open_files_.extract(record.id);
        const auto files = open ? std::move(open.mapped()) : std::make_unique<RunFiles>(dir);
        files->write(record);
    } catch (const std::exception& error) {
        record_error = error.what();
    }
    SqliteTransaction transaction(database_);
    record_outcome(record.id, record, iso_utc(now_()), record_error);
    transaction.commit();
    if (!record_error.empty()) {
        throw RecordFailed("run " + record.id + "'s files could not be written: " + record_error);
    }
    return dir;
}

std::vector<RunSummary> RunHistory::summaries(SqliteStatement& rows) {
    std::vector<RunSummary> runs;
    while (rows.step()) {
        runs.push_back({.id = rows.text(0),
                        .started_utc = rows.text(1),
                        .finished_utc = rows.text(2),
                        .procedure_id = rows.text(3),
                        .rig_name = rows.text(4),
                        .mode = rows.text(5),
                        .status = rows.text(6),
                        .reason = rows.text(7)});
    }
    SqliteStatement fobs(database_, "SELECT slot, label FROM fobs WHERE run_id = ? ORDER BY slot");
    for (auto& run : runs) {
        fobs.bind_all(run.id);
        while (fobs.step()) {
            run.fobs.push_back({static_cast<int>(fobs.integer(0)), fobs.text(1)});
        }
        fobs.reset();
    }
    return runs;
}

std::vector<RunSummary> RunHistory::list(std::size_t limit, std::size_t offset) {
    SqliteStatement rows(database_, std::string(summary_columns) +
                                        "ORDER BY started_utc DESC, seq DESC LIMIT ? OFFSET ?");
    rows.bind_all(clamped(limit), clamped(offset));
    return summaries(rows);
}

std::string RunHistory::last_answered_variant(const std::string& procedure_id,
                                              const std::string& rig_name) {
    SqliteStatement row(database_, "SELECT variant FROM runs WHERE procedure_id = ? AND "
                                   "rig_name = ? AND variant != '' ORDER BY seq DESC LIMIT 1");
    row.bind_all(procedure_id, rig_name);
    return row.step() ? row.text(0) : std::string();
}

std::optional<RunSummary> RunHistory::find(const std::string& id) {
    check_id(id);
    SqliteStatement row(database_, std::string(summary_columns) + "WHERE id = ?");
    row.bind_all(id);
    auto found = summaries(row);
    if (found.empty()) {
        return std::nullopt;
    }
    return std::move(found.front());
}

RunRecord RunHistory::load(const std::string& id) {
    const auto run = find(id);
    if (!run) {
        throw std::runtime_error("no run \"" + id + "\" in the history at " + state_dir_.string());
    }
    if (!has_record(*run)) {
        throw std::runtime_error("run " + id + " is " + run->status +
                                 ": it has no finished record");
    }
    return read_run_directory(run_dir(id));
}

// The columns labelled() reads, in its order.
constexpr std::string_view labelled_columns =
    "SELECT f.label, r.id, r.started_utc, r.procedure_id, r.mode, r.status, f.slot, f.passed, "
    "f.reason FROM fobs f JOIN runs r ON r.id = f.run_id ";

std::vector<LabelledFobRun> RunHistory::labelled(SqliteStatement& rows) {
    std::vector<LabelledFobRun> found;
    while (rows.step()) {
        found.push_back(
            {.label = rows.text(0),
             .run_id = rows.text(1),
             .started_utc = rows.text(2),
             .procedure_id = rows.text(3),
             .mode = rows.text(4),
             .status = rows.text(5),
             .slot = static_cast<int>(rows.integer(6)),
             .passed = rows.is_null(7) ? std::nullopt : std::optional<bool>(rows.integer(7) != 0),
             .reason = rows.text(8)});
    }
    return found;
}

// A campaign's runs are told by the campaign's own fob results.
constexpr std::string_view outside_campaigns =
    "AND r.id NOT IN (SELECT run_id FROM campaign_runs) ";

std::vector<LabelledFobRun> RunHistory::fobs_by_label(const std::string& label,
                                                      bool only_outside_campaigns) {
    SqliteStatement rows(database_,
                         std::string(labelled_columns) + "WHERE f.label = ? " +
                             (only_outside_campaigns ? std::string(outside_campaigns) : "") +
                             "ORDER BY r.started_utc DESC, r.seq DESC, f.slot");
    rows.bind_all(label);
    return labelled(rows);
}

std::vector<LabelledFobRun> RunHistory::labelled_fobs() {
    SqliteStatement rows(database_,
                         std::string(labelled_columns) + "WHERE f.label != '' " +
                             std::string(outside_campaigns) +
                             "AND r.seq = (SELECT MAX(r2.seq) FROM runs r2 JOIN fobs f2 ON "
                             "f2.run_id = r2.id WHERE f2.label = f.label AND r2.id NOT IN "
                             "(SELECT run_id FROM campaign_runs)) ORDER BY f.label");
    return labelled(rows);
}

} // namespace fobrig
