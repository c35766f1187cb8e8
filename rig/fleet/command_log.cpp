#include "rig/fleet/command_log.hpp"

#include <array>
#include <string_view>

namespace fobrig::fleet {

namespace {

constexpr std::array<std::string_view, 2> migrations{
    "CREATE TABLE command (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, "
    "answer TEXT NOT NULL)",
    "CREATE TABLE result (seq INTEGER PRIMARY KEY AUTOINCREMENT, job TEXT NOT NULL UNIQUE, "
    "body TEXT NOT NULL)"};

} // namespace

CommandLog::CommandLog(const std::filesystem::path& file, int kept) : database_(file), kept_(kept) {
    database_.migrate(migrations);
}

std::optional<std::string> CommandLog::answer_to(const std::string& id) {
    SqliteStatement select(database_, "SELECT answer FROM command WHERE id = ?");
    if (select.bind_all(id).step()) {
        return select.text(0);
    }
    return std::nullopt;
}

void CommandLog::keep(const std::string& id, const std::string& answer) {
    SqliteTransaction transaction(database_);
    SqliteStatement(database_, "INSERT OR REPLACE INTO command (id, answer) VALUES (?, ?)")
        .bind_all(id, answer)
        .step();
    SqliteStatement(database_,
                    "DELETE FROM command WHERE seq <= (SELECT MAX(seq) FROM command) - ?")
        .bind_all(std::int64_t{kept_})
        .step();
    transaction.commit();
}

void CommandLog::keep_result(const std::string& job, const std::string& result) {
    SqliteStatement(database_, "INSERT OR REPLACE INTO result (job, body) VALUES (?, ?)")
        .bind_all(job, result)
        .step();
}

std::vector<std::string> CommandLog::unacknowledged_results() {
    SqliteStatement select(database_, "SELECT body FROM result ORDER BY seq");
    std::vector<std::string> results;
    while (select.step()) {
        results.push_back(select.text(0));
    }
    return results;
}

bool CommandLog::acknowledge(const std::string& job) {
    SqliteStatement remove(database_, "DELETE FROM result WHERE job = ? RETURNING job");
    return remove.bind_all(job).step();
}

} // namespace fobrig::fleet
