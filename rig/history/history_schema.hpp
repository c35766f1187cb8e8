// The history database's schema, one migration per version, shared by the run history and
// the campaign history that keep their tables in the same file.
#pragma once

#include <span>
#include <string_view>

namespace fobrig {

// Migration i takes the database from version i to i + 1 (SqliteDatabase::migrate).
std::span<const std::string_view> history_migrations();

} // namespace fobrig
