// The campaigns in the history database (STATE/history.sqlite3, beside the runs): each
// campaign's progress for resuming it, its runs, and each fob's result, followed by label for
// `fobrig fobs`. A second connection on RunHistory's file, so that the campaign's own thread
// can save its progress while the daemon's control thread uses RunHistory.
#pragma once

#include "rig/campaign/campaign_report.hpp"
#include "rig/campaign/campaign_store.hpp"
#include "rig/history/sqlite_database.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace fobrig {

// One fob's result in one campaign.
struct FobHistoryEntry {
    std::string campaign_id;
    std::string started_utc;
    std::string procedure_id;
    FobReport fob;
};

// Not for concurrent use from several threads: one thread per object. Database failures throw
// SqliteError naming the file.
class CampaignHistory final : public CampaignStore {
public:
    // Opens (creating and migrating as needed) the history database. Open RunHistory on it
    // first in a daemon: two connections must not migrate a new file at once.
    explicit CampaignHistory(const std::filesystem::path& database_file);

    // The progress, its runs and its fobs' results, in one transaction.
    void save(const CampaignProgress& progress) override;
    std::optional<CampaignProgress> load(const std::string& campaign_id) override;
    std::optional<CampaignProgress> latest_unfinished() override;

    // Newest first.
    std::vector<CampaignReport> list(std::size_t limit);
    // `fobrig fobs`: every label ever tested, with its newest result, by label.
    std::vector<FobHistoryEntry> fobs();
    // `fobrig fobs LABEL`: every result of that label, newest first.
    std::vector<FobHistoryEntry> fob_history(const std::string& label);

private:
    std::vector<FobHistoryEntry> entries(SqliteStatement& rows);
    std::optional<CampaignProgress> one(SqliteStatement& rows);

    SqliteDatabase database_;
};

} // namespace fobrig
