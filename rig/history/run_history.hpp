// fobrigd's history of runs: each run's files in STATE/runs/<id>/ and an index of every run,
// its status and its fobs in STATE/history.sqlite3.
#pragma once

#include "rig/core/programming_run.hpp"
#include "rig/core/run_record.hpp"
#include "rig/history/sqlite_database.hpp"
#include "rig/record/run_directory.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace fobrig {

// One run as the index knows it. status is "running", "passed", "failed", "aborted",
// "interrupted" or "record-failed" (it ended, but its files could not be written: the reason
// says how it ended and why); finished_utc and reason are empty while running, and
// finished_utc stays empty for an interrupted run (when it stopped is not known).
struct RunSummary {
    std::string id;
    std::string started_utc; // ISO 8601 UTC; newest first sorts on it
    std::string finished_utc;
    std::string procedure_id;
    std::string rig_name;
    std::string mode; // "program" or "verify"
    // The procedure's car: what a session does to its key table, and how many keys it holds.
    KeyTablePolicy key_table = KeyTablePolicy::erase_all;
    int max_keys = 0;
    std::vector<FobUnderTest> fobs;
    std::string status;
    std::string reason;
};

// Whether the run has files to show: it ended and they were written.
bool has_record(const RunSummary& run);

// One run's verdict for a fob with a given label.
struct LabelledFobRun {
    std::string label;
    std::string run_id;
    std::string started_utc;
    std::string procedure_id;
    std::string mode;
    std::string status; // the run's
    int slot = 0;
    std::optional<bool> passed; // empty until the run finishes, and for an interrupted run
    std::string reason;
};

// {"id", "started", "finished", "procedure", "rig", "mode", "fobs", "status", "reason"}, as
// the control protocol's runs and show answers give a run.
nlohmann::json to_json(const RunSummary& run);

using WallClock = std::function<std::chrono::system_clock::time_point()>;

// A finished run whose files could not be written; the index says record-failed.
struct RecordFailed : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The daemon's one owner of the state folder. A run goes reserve_run() (its id and
// directory), run_started() (its row, status running), run_finished() (its files, then its
// row's outcome). Ids passed in are untrusted: one that is not a plain name (letters, digits,
// '-', '_', '.', not starting with '.') is refused with std::invalid_argument before anything
// is touched. Not thread-safe: one object per thread (a campaign's run thread opens its own).
// Database failures throw SqliteError, file failures std::system_error, both naming the path.
class RunHistory {
public:
    // Creates the state folder, runs/ and history.sqlite3 as needed; throws std::system_error
    // naming the folder when it cannot be created or written.
    explicit RunHistory(const std::filesystem::path& state_dir,
                        WallClock now = std::chrono::system_clock::now);

    // Called once at daemon start: every run still "running" was cut off by a crash or power
    // loss. It becomes "interrupted", unless its run.json was written before the index was
    // updated: then it takes run.json's outcome. Returns the runs it changed, as they now are.
    std::vector<RunSummary> recover_interrupted();

    // A new id, "YYYYMMDD-HHMMSS-<procedure_id>" in UTC with "-2", "-3"... on a collision, and
    // its directory created, atomically, so that two daemons sharing the folder never share one.
    std::string reserve_run(const std::string& procedure_id);

    // Opens the run's files (rig/record/run_directory.hpp), then adds its row and fobs as
    // "running"; the summary's status, reason and finished_utc are not read. Its id comes from
    // reserve_run(). When either fails (no descriptor left, a full disk) it throws and the
    // reserved directory is removed: a refused run leaves nothing behind.
    void run_started(const RunSummary& run);

    // Writes the run's directory (run.vcd, then run.json, durably), then records its outcome,
    // reason, fob verdicts and finish time (the history's clock) in one transaction. Throws
    // std::invalid_argument, writing nothing, for a run that was never started. When the files
    // cannot be written the row becomes "record-failed", with the run's outcome and the error
    // in its reason, and RecordFailed is thrown saying so. Returns the run's directory.
    std::filesystem::path run_finished(const RunRecord& record);

    // Newest first.
    std::vector<RunSummary> list(std::size_t limit, std::size_t offset = 0);
    std::optional<RunSummary> find(const std::string& id);
    // The finished run's record from its run.json; throws std::runtime_error for an unknown id
    // or a run that has no record (running or interrupted).
    RunRecord load(const std::string& id);

    // The ritual's variant the car on this rig answered last for this procedure (see
    // answered_variant()), or empty when none did: a campaign's sessions start with it.
    std::string last_answered_variant(const std::string& procedure_id, const std::string& rig_name);

    // Every run that had a fob with this label, newest first; `only_outside_campaigns`: not
    // the runs of campaigns, whose results the campaigns tell.
    std::vector<LabelledFobRun> fobs_by_label(const std::string& label,
                                              bool only_outside_campaigns = false);
    // Each label's newest run outside campaigns, by label.
    std::vector<LabelledFobRun> labelled_fobs();

    // runs/<id>/, for an id that is a plain name; it need not exist.
    std::filesystem::path run_dir(const std::string& id) const;
    // STATE/history.sqlite3, for a second connection such as CampaignHistory's.
    const std::filesystem::path& database_file() const { return database_.file(); }

private:
    std::vector<RunSummary> summaries(SqliteStatement& rows);
    std::vector<LabelledFobRun> labelled(SqliteStatement& rows);
    void add_row(const RunSummary& run);
    // An empty `record_error` records the run's outcome; otherwise the run is record-failed.
    void record_outcome(const std::string& id, const RunRecord& record,
                        const std::string& finished_utc, const std::string& record_error);
    bool has_run(const std::string& id);

    std::filesystem::path state_dir_;
    std::filesystem::path runs_dir_;
    WallClock now_;
    SqliteDatabase database_;
    std::map<std::string, std::unique_ptr<RunFiles>> open_files_; // of runs started, by id
};

} // namespace fobrig
