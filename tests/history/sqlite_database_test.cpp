// Tests the SQLite wrapper: its settings, its error messages, transactions and migrations.
#include "rig/history/sqlite_database.hpp"

#include "temp_folder.hpp"
#include "tests/record/sample_run.hpp"

#include <gmock/gmock.h>

#include <array>
#include <string_view>

namespace fobrig {
namespace {

using ::testing::HasSubstr;

class Sqlite : public test::TempFolderTest {
protected:
    std::filesystem::path file() const { return folder_ / "test.sqlite3"; }

    static std::string pragma(SqliteDatabase& database, std::string_view name) {
        SqliteStatement row(database, "PRAGMA " + std::string(name));
        EXPECT_TRUE(row.step());
        return row.text(0);
    }

    static std::int64_t count(SqliteDatabase& database) {
        SqliteStatement row(database, "SELECT count(*) FROM t");
        row.step();
        return row.integer(0);
    }
};

TEST_F(Sqlite, OpensInWalModeWithFullSyncAndForeignKeys) {
    SqliteDatabase database(file());
    EXPECT_EQ(pragma(database, "journal_mode"), "wal");
    EXPECT_EQ(pragma(database, "synchronous"), "2"); // FULL
    EXPECT_EQ(pragma(database, "foreign_keys"), "1");
}

TEST_F(Sqlite, AFailedStatementNamesTheFileAndTheSql) {
    SqliteDatabase database(file());
    const std::string message =
        test::error_of<SqliteError>([&] { SqliteStatement(database, "SELEC nonsense"); });
    EXPECT_THAT(message, HasSubstr(file().string()));
    EXPECT_THAT(message, HasSubstr("prepare \"SELEC nonsense\""));
    EXPECT_THAT(message, HasSubstr("syntax error"));
}

TEST_F(Sqlite, AFailedStepNamesTheSqlAndTheConstraint) {
    SqliteDatabase database(file());
    database.execute("CREATE TABLE t (x INTEGER NOT NULL)");
    const std::string message = test::error_of<SqliteError>(
        [&] { SqliteStatement(database, "INSERT INTO t VALUES (?)").bind(1, nullptr).step(); });
    EXPECT_THAT(message, HasSubstr(file().string() + ": run \"INSERT INTO t VALUES (?)\""));
    EXPECT_THAT(message, HasSubstr("NOT NULL"));
}

TEST_F(Sqlite, ATransactionNotCommittedIsRolledBack) {
    SqliteDatabase database(file());
    database.execute("CREATE TABLE t (x TEXT)");
    {
        SqliteTransaction transaction(database);
        SqliteStatement(database, "INSERT INTO t VALUES (?)").bind_all("kept").step();
        transaction.commit();
    }
    {
        SqliteTransaction transaction(database);
        SqliteStatement(database, "INSERT INTO t VALUES (?)").bind_all("dropped").step();
    }
    EXPECT_EQ(count(database), 1);
}

TEST_F(Sqlite, MigratesOnceAndKeepsTheVersion) {
    constexpr std::array<std::string_view, 2> migrations{"CREATE TABLE t (x INTEGER)",
                                                         "ALTER TABLE t ADD COLUMN y TEXT"};
    {
        SqliteDatabase database(file());
        EXPECT_EQ(database.user_version(), 0);
        database.migrate(migrations);
        EXPECT_EQ(database.user_version(), 2);
    }
    SqliteDatabase database(file());
    database.migrate(migrations); // nothing to do: the table is not created twice
    EXPECT_EQ(database.user_version(), 2);
    SqliteStatement(database, "INSERT INTO t (x, y) VALUES (?, ?)")
        .bind_all(std::int64_t{1}, "one")
        .step();
    EXPECT_EQ(count(database), 1);
}

TEST_F(Sqlite, RefusesADatabaseNewerThanItsMigrations) {
    SqliteDatabase(file()).execute("PRAGMA user_version=7");
    SqliteDatabase database(file());
    constexpr std::array<std::string_view, 1> migrations{"CREATE TABLE t (x INTEGER)"};
    const std::string message = test::error_of<SqliteError>([&] { database.migrate(migrations); });
    EXPECT_THAT(message, HasSubstr(file().string()));
    EXPECT_THAT(message, HasSubstr("schema version 7 is newer than this program knows (1)"));
}

} // namespace
} // namespace fobrig
