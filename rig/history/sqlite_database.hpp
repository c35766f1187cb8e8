// A small RAII wrapper over SQLite: a connection, a prepared statement and a transaction, each
// owning its handle, and every failure an exception naming the database file and the step.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace fobrig {

// Thrown for every SQLite failure; the message reads "FILE: STEP: SQLite's message".
class SqliteError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// One connection, opened read-write (created if missing) in WAL mode with synchronous=FULL, so
// that a committed transaction survives a power cut, foreign keys enforced and a busy timeout
// for a second process sharing the file. Not for concurrent use from several threads.
class SqliteDatabase {
public:
    explicit SqliteDatabase(const std::filesystem::path& file);
    SqliteDatabase(const SqliteDatabase&) = delete;
    SqliteDatabase& operator=(const SqliteDatabase&) = delete;
    ~SqliteDatabase();

    // Runs one or more statements that return no rows.
    void execute(std::string_view sql);

    // PRAGMA user_version: 0 for a new database, else the schema version it was migrated to.
    int user_version();

    // Brings the schema to version migrations.size(): migration i takes version i to i + 1 and
    // runs with the version bump in one transaction. Refuses a database newer than that.
    void migrate(std::span<const std::string_view> migrations);

    const std::filesystem::path& file() const { return file_; }

private:
    friend class SqliteStatement;

    // Throws SqliteError for a code that is not a success, naming the file and `step`.
    void check(int code, std::string_view step) const;

    std::filesystem::path file_;
    sqlite3* handle_ = nullptr;
};

// One prepared statement on a database that outlives it. Parameters are numbered from 1,
// columns from 0, as SQLite numbers them.
class SqliteStatement {
public:
    SqliteStatement(SqliteDatabase& database, std::string_view sql);
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;
    ~SqliteStatement();

    SqliteStatement& bind(int index, std::string_view value);
    SqliteStatement& bind(int index, std::int64_t value);
    SqliteStatement& bind(int index, std::nullptr_t);

    // Binds parameters 1, 2, ... in order.
    template <typename... Values> SqliteStatement& bind_all(const Values&... values) {
        int index = 0;
        (bind(++index, values), ...);
        return *this;
    }

    // Runs to the next row: true when a row is ready to read, false when the statement is done.
    bool step();
    // Makes the statement ready to run again; bindings are kept until rebound.
    void reset();

    bool is_null(int column) const;
    std::string text(int column) const;
    std::int64_t integer(int column) const;

private:
    void check(int code, std::string_view step) const;

    SqliteDatabase& database_;
    std::string sql_;
    sqlite3_stmt* handle_ = nullptr;
};

// BEGIN IMMEDIATE on construction, so the write lock is taken (or waited for) up front;
// rolled back on destruction unless commit() was called.
class SqliteTransaction {
public:
    explicit SqliteTransaction(SqliteDatabase& database);
    SqliteTransaction(const SqliteTransaction&) = delete;
    SqliteTransaction& operator=(const SqliteTransaction&) = delete;
    ~SqliteTransaction();

    void commit();

private:
    SqliteDatabase& database_;
    bool open_ = true;
};

} // namespace fobrig
