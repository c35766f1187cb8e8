#include "rig/fleet/command_log.hpp"

#include <array>
#include <string_view>

namespace fobrig::fleet {

namespace {

constexpr std::array<std::string_view, 1> migrations{
    "CREATE TABLE command (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, "
    "answer TEXT NOT NULL)"};

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

} // namespace fobrig::fleet
