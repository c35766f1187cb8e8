// Campaign rows over the history database's version-2 tables.
#include "rig/history/campaign_history.hpp"

#include "rig/history/history_schema.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <set>

namespace fobrig {
namespace {

// The columns entries() reads, in its order, newest campaign first.
constexpr std::string_view fob_columns =
    "SELECT c.id, c.started_utc, c.procedure_id, f.number, f.label, f.keep, f.slot, f.round, "
    "f.programmed, f.lock_verified, f.unlock_verified, f.latency_us, f.attempts, f.presses, "
    "f.result, f.reason, f.warning FROM campaign_fobs f JOIN campaigns c ON c.id = f.campaign_id ";
constexpr std::string_view newest_first = " ORDER BY c.started_utc DESC, c.seq DESC";

} // namespace

CampaignHistory::CampaignHistory(const std::filesystem::path& database_file)
    : database_(database_file) {
    database_.migrate(history_migrations());
}

void CampaignHistory::save(const CampaignProgress& progress) {
    const CampaignRequest& request = progress.plan.request;
    const CampaignReport report = build_report(progress);
    SqliteTransaction transaction(database_);
    SqliteStatement campaign(
        database_,
        "INSERT INTO campaigns (id, started_utc, procedure_id, rig_name, verify_only, status, "
        "restored, summary, progress) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO "
        "UPDATE SET status = excluded.status, restored = excluded.restored, "
        "summary = excluded.summary, progress = excluded.progress");
    campaign.bind_all(request.id, request.started_utc, request.procedure_id, request.rig_name,
                      std::int64_t{request.verify_only},
                      std::string(progress.finished ? "finished" : "running"));
    if (report.restored) {
        campaign.bind(7, std::int64_t{*report.restored});
    } else {
        campaign.bind(7, nullptr);
    }
    campaign.bind(8, campaign_summary(report));
    campaign.bind(9, progress_to_json(progress).dump());
    campaign.step();

    SqliteStatement forget_runs(database_, "DELETE FROM campaign_runs WHERE campaign_id = ?");
    forget_runs.bind_all(request.id).step();
    SqliteStatement add_run(database_, "INSERT INTO campaign_runs (campaign_id, seq, round, kind, "
                                       "run_id, outcome, reason) VALUES (?, ?, ?, ?, ?, ?, ?)");
    std::int64_t seq = 0;
    for (const auto& run : progress.runs) {
        add_run.bind_all(request.id, ++seq, std::int64_t{run.round}, to_string(run.kind),
                         run.run_id, std::string(to_string(run.outcome)), run.reason);
        add_run.step();
        add_run.reset();
    }

    SqliteStatement forget_fobs(database_, "DELETE FROM campaign_fobs WHERE campaign_id = ?");
    forget_fobs.bind_all(request.id).step();
    SqliteStatement add_fob(
        database_, "INSERT INTO campaign_fobs (campaign_id, number, label, keep, slot, round, "
                   "programmed, lock_verified, unlock_verified, latency_us, attempts, presses, "
                   "result, reason, warning) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const auto& fob : report.fobs) {
        add_fob.bind_all(request.id, std::int64_t{fob.number}, fob.label, std::int64_t{fob.keep},
                         std::int64_t{fob.slot}, std::int64_t{fob.round},
                         std::int64_t{fob.programmed}, std::int64_t{fob.lock_verified},
                         std::int64_t{fob.unlock_verified});
        if (fob.latency_ms) {
            add_fob.bind(10, static_cast<std::int64_t>(std::llround(*fob.latency_ms * 1000)));
        } else {
            add_fob.bind(10, nullptr);
        }
        add_fob.bind(11, std::int64_t{fob.attempts});
        add_fob.bind(12, std::int64_t{fob.presses});
        add_fob.bind(13, to_string(fob.result));
        add_fob.bind(14, fob.reason);
        add_fob.bind(15, fob.warning);
        add_fob.step();
        add_fob.reset();
    }
    transaction.commit();
}

std::optional<CampaignProgress> CampaignHistory::one(SqliteStatement& rows) {
    if (!rows.step()) {
        return std::nullopt;
    }
    return progress_from_json(nlohmann::json::parse(rows.text(0)));
}

std::optional<CampaignProgress> CampaignHistory::load(const std::string& campaign_id) {
    SqliteStatement rows(database_, "SELECT progress FROM campaigns WHERE id = ?");
    rows.bind_all(campaign_id);
    return one(rows);
}

std::optional<CampaignProgress> CampaignHistory::latest_unfinished() {
    SqliteStatement rows(database_, "SELECT progress FROM campaigns WHERE status = 'running' "
                                    "ORDER BY started_utc DESC, seq DESC LIMIT 1");
    return one(rows);
}

std::vector<CampaignReport> CampaignHistory::list(std::size_t limit) {
    SqliteStatement rows(database_, "SELECT progress FROM campaigns "
                                    "ORDER BY started_utc DESC, seq DESC LIMIT ?");
    rows.bind_all(static_cast<std::int64_t>(
        std::min<std::size_t>(limit, std::numeric_limits<std::int64_t>::max())));
    std::vector<CampaignReport> reports;
    while (const auto progress = one(rows)) {
        reports.push_back(build_report(*progress));
    }
    return reports;
}

std::vector<FobHistoryEntry> CampaignHistory::entries(SqliteStatement& rows) {
    std::vector<FobHistoryEntry> found;
    while (rows.step()) {
        const auto flag = [&](int column) { return rows.integer(column) != 0; };
        const auto number = [&](int column) { return static_cast<int>(rows.integer(column)); };
        FobHistoryEntry entry{
            .campaign_id = rows.text(0), .started_utc = rows.text(1), .procedure_id = rows.text(2)};
        entry.fob = {.number = number(3),
                     .label = rows.text(4),
                     .keep = flag(5),
                     .slot = number(6),
                     .round = number(7),
                     .programmed = flag(8),
                     .lock_verified = flag(9),
                     .unlock_verified = flag(10),
                     .attempts = number(12),
                     .presses = number(13),
                     .result = fob_class_named(rows.text(14)),
                     .reason = rows.text(15),
                     .warning = rows.text(16)};
        if (!rows.is_null(11)) {
            entry.fob.latency_ms = static_cast<double>(rows.integer(11)) / 1000;
        }
        found.push_back(std::move(entry));
    }
    return found;
}

std::vector<FobHistoryEntry> CampaignHistory::fobs() {
    SqliteStatement rows(database_, std::string(fob_columns) +
                                        "WHERE f.result != 'not tested' ORDER BY f.label, "
                                        "c.started_utc DESC, c.seq DESC");
    std::vector<FobHistoryEntry> newest;
    for (auto& entry : entries(rows)) {
        if (newest.empty() || newest.back().fob.label != entry.fob.label) {
            newest.push_back(std::move(entry));
        }
    }
    return newest;
}

std::vector<FobHistoryEntry> CampaignHistory::fob_history(const std::string& label) {
    SqliteStatement rows(database_, std::string(fob_columns) + "WHERE f.label = ?" +
                                        std::string(newest_first));
    rows.bind_all(label);
    return entries(rows);
}

} // namespace fobrig
