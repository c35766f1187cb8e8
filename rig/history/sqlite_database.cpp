// The SQLite wrapper over the C API: one check() turns every error code into a SqliteError.
#include "rig/history/sqlite_database.hpp"

#include <sqlite3.h>

#include <string>

namespace fobrig {
namespace {

constexpr int busy_timeout_ms = 5000;

std::string in_quotes(std::string_view sql) {
    return "\"" + std::string(sql) + "\"";
}

} // namespace

SqliteDatabase::SqliteDatabase(const std::filesystem::path& file) : file_(file) {
    // SQLite hands back a handle even when opening fails; the destructor does not run then.
    const int opened = sqlite3_open_v2(
        file.c_str(), &handle_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXRESCODE,
        nullptr);
    try {
        check(opened, "open");
        // A read-only file opens "successfully" read-only; writing would fail much later.
        if (sqlite3_db_readonly(handle_, "main") != 0) {
            throw SqliteError(file_.string() + ": open: the file is read-only");
        }
        check(sqlite3_busy_timeout(handle_, busy_timeout_ms), "set the busy timeout");
        SqliteStatement wal(*this, "PRAGMA journal_mode=WAL");
        if (!wal.step() || wal.text(0) != "wal") {
            throw SqliteError(file_.string() + ": PRAGMA journal_mode=WAL: not supported here");
        }
        execute("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON");
    } catch (...) {
        sqlite3_close_v2(handle_);
        throw;
    }
}

SqliteDatabase::~SqliteDatabase() {
    sqlite3_close_v2(handle_);
}

void SqliteDatabase::check(int code, std::string_view step) const {
    if (code == SQLITE_OK || code == SQLITE_ROW || code == SQLITE_DONE) {
        return;
    }
    const char* message = handle_ != nullptr ? sqlite3_errmsg(handle_) : sqlite3_errstr(code);
    throw SqliteError(file_.string() + ": " + std::string(step) + ": " + message);
}

void SqliteDatabase::execute(std::string_view sql) {
    const std::string text(sql);
    check(sqlite3_exec(handle_, text.c_str(), nullptr, nullptr, nullptr), in_quotes(sql));
}

int SqliteDatabase::user_version() {
    SqliteStatement version(*this, "PRAGMA user_version");
    version.step();
    return static_cast<int>(version.integer(0));
}

void SqliteDatabase::migrate(std::span<const std::string_view> migrations) {
    const int known = static_cast<int>(migrations.size());
    for (int version = user_version(); version < known; ++version) {
        SqliteTransaction transaction(*this);
        execute(migrations[static_cast<std::size_t>(version)]);
        execute("PRAGMA user_version=" + std::to_string(version + 1));
        transaction.commit();
    }
    if (const int version = user_version(); version > known) {
        throw SqliteError(file_.string() + ": schema version " + std::to_string(version) +
                          " is newer than this program knows (" + std::to_string(known) + ")");
    }
}

SqliteStatement::SqliteStatement(SqliteDatabase& database, std::string_view sql)
    : database_(database), sql_(sql) {
    check(sqlite3_prepare_v2(database_.handle_, sql_.c_str(), static_cast<int>(sql_.size() + 1),
                             &handle_, nullptr),
          "prepare");
}

SqliteStatement::~SqliteStatement() {
    sqlite3_finalize(handle_);
}

void SqliteStatement::check(int code, std::string_view step) const {
    database_.check(code, std::string(step) + " " + in_quotes(sql_));
}

SqliteStatement& SqliteStatement::bind(int index, std::string_view value) {
    check(sqlite3_bind_text64(handle_, index, value.data(), value.size(), SQLITE_TRANSIENT,
                              SQLITE_UTF8),
          "bind parameter " + std::to_string(index) + " of");
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, std::int64_t value) {
    check(sqlite3_bind_int64(handle_, index, value),
          "bind parameter " + std::to_string(index) + " of");
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, std::nullptr_t) {
    check(sqlite3_bind_null(handle_, index), "bind parameter " + std::to_string(index) + " of");
    return *this;
}

bool SqliteStatement::step() {
    const int code = sqlite3_step(handle_);
    check(code, "run");
    return code == SQLITE_ROW;
}

void SqliteStatement::reset() {
    check(sqlite3_reset(handle_), "reset");
}

bool SqliteStatement::is_null(int column) const {
    return sqlite3_column_type(handle_, column) == SQLITE_NULL;
}

std::string SqliteStatement::text(int column) const {
    const auto* text = sqlite3_column_text(handle_, column);
    if (text == nullptr) {
        return "";
    }
    return {reinterpret_cast<const char*>(text),
            static_cast<std::size_t>(sqlite3_column_bytes(handle_, column))};
}

std::int64_t SqliteStatement::integer(int column) const {
    return sqlite3_column_int64(handle_, column);
}

SqliteTransaction::SqliteTransaction(SqliteDatabase& database) : database_(database) {
    database_.execute("BEGIN IMMEDIATE");
}

SqliteTransaction::~SqliteTransaction() {
    if (open_) {
        try {
            database_.execute("ROLLBACK");
        } catch (const SqliteError&) {
            // SQLite may already have rolled back on the error that brought us here.
        }
    }
}

void SqliteTransaction::commit() {
    database_.execute("COMMIT");
    open_ = false;
}

} // namespace fobrig
