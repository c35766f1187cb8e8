// Tests the run history: starting, finishing, listing and loading runs, recovery after a
// crash, id reservation, hostile ids, reopening and the fobs-by-label query.
#include "rig/history/run_history.hpp"

#include "rig/history/history_schema.hpp"
#include "rig/record/run_directory.hpp"
#include "temp_folder.hpp"
#include "tests/record/sample_run.hpp"

#include <gmock/gmock.h>

#include <chrono>
#include <fstream>
#include <stdexcept>
#include <system_error>

namespace fobrig {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class History : public test::TempFolderTest {
protected:
    fs::path state() const { return folder_ / "state"; }

    // A history on the test's clock, which stands still unless a test moves it.
    RunHistory open() {
        return RunHistory(state(), [this] { return now_; });
    }

    // Reserves and starts a program run of slots 1 and 2, labelled as given.
    static RunSummary start(RunHistory& history, const std::string& procedure_id,
                            const std::string& started_utc, const std::string& label1 = "Fob A",
                            const std::string& label2 = "Fob B") {
        RunSummary run{.id = history.reserve_run(procedure_id),
                       .started_utc = started_utc,
                       .procedure_id = procedure_id,
                       .rig_name = "bench-1",
                       .mode = "program",
                       .fobs = {{1, label1}, {2, label2}}};
        history.run_started(run);
        return run;
    }

    // The sample record (slot 1 passed, slot 2 failed, run failed) as the given run's.
    static RunRecord record_of(const RunSummary& run) {
        RunRecord record = test::sample_run();
        record.id = run.id;
        record.procedure_id = run.procedure_id;
        record.started_utc = run.started_utc;
        record.fobs[0].label = run.fobs[0].label;
        record.fobs[1].label = run.fobs[1].label;
        return record;
    }

    // An index written by an older version (its first `version` migrations, then `rows`),
    // opened by this one.
    RunHistory migrated_from(std::size_t version, const std::string& rows) {
        fs::create_directories(state());
        {
            SqliteDatabase old(state() / "history.sqlite3");
            old.migrate(history_migrations().first(version));
            old.execute(rows);
        }
        return open();
    }

    // A run started by a daemon that then stopped without finishing it.
    RunSummary start_then_crash() {
        RunHistory crashed = open();
        return start(crashed, "mini-r50-2004", "2026-11-25T14:35:01Z");
    }

    static std::vector<std::string> ids(const std::vector<RunSummary>& runs) {
        std::vector<std::string> result;
        for (const auto& run : runs) {
            result.push_back(run.id);
        }
        return result;
    }

    std::chrono::system_clock::time_point now_ =
        std::chrono::sys_days{std::chrono::November / 25 / 2026} + 14h + 35min + 1s;
};

TEST_F(History, StartedAndFinishedRunsAreListedNewestFirstWithLimitAndOffset) {
    RunHistory history = open();
    const RunSummary first = start(history, "mini-r50-2004", "2026-11-25T14:35:01Z");
    now_ += 60s;
    const RunSummary second = start(history, "mini-r50-2004", "2026-11-25T14:36:01Z");
    history.run_finished(record_of(first));
    now_ += 60s;
    const RunSummary third = start(history, "mini-r50-2004", "2026-11-25T14:37:01Z");

    EXPECT_THAT(ids(history.list(10)), ElementsAre(third.id, second.id, first.id));
    EXPECT_THAT(ids(history.list(1)), ElementsAre(third.id));
    EXPECT_THAT(ids(history.list(2, 1)), ElementsAre(second.id, first.id));
    EXPECT_TRUE(history.list(10, 3).empty());

    const auto runs = history.list(10);
    EXPECT_EQ(runs[0].status, "running");
    EXPECT_EQ(runs[0].finished_utc, "");
    EXPECT_EQ(runs[2].status, "failed");
    EXPECT_EQ(runs[2].reason, "1 of 2 fobs failed");
    EXPECT_EQ(runs[2].finished_utc, "2026-11-25T14:36:01Z");
}

TEST_F(History, FindAndLoadRoundTripAFinishedRun) {
    RunHistory history = open();
    const RunSummary run = start(history, "mini-r50-2004", "2026-11-25T14:35:01Z");
    const RunRecord record = record_of(run);
    EXPECT_EQ(history.run_finished(record), state() / "runs" / run.id);

    const auto found = history.find(run.id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id, run.id);
    EXPECT_EQ(found->started_utc, "2026-11-25T14:35:01Z");
    EXPECT_EQ(found->finished_utc, "2026-11-25T14:35:01Z");
    EXPECT_EQ(found->procedure_id, "mini-r50-2004");
    EXPECT_EQ(found->rig_name, "bench-1");
    EXPECT_EQ(found->mode, "program");
    ASSERT_EQ(found->fobs.size(), 2u);
    EXPECT_EQ(found->fobs[1].slot, 2);
    EXPECT_EQ(found->fobs[1].label, "Fob B");
    EXPECT_EQ(found->status, "failed");
    EXPECT_EQ(found->reason, "1 of 2 fobs failed");
    test::expect_same_record(record, history.load(run.id));
    EXPECT_FALSE(history.find("20261125-143501-other"));
}

TEST_F(History, LoadSaysWhenARunIsUnknownOrUnfinished) {
    RunHistory history = open();
    const RunSummary run = start(history, "mini-r50-2004", "2026-11-25T14:35:01Z");
    EXPECT_THAT(test::error_of<std::runtime_error>([&] { history.load(run.id); }),
                HasSubstr("run " + run.id + " is running: it has no finished record"));
    EXPECT_THAT(test::error_of<std::runtime_error>([&] { history.load("nope"); }),
                HasSubstr("no run \"nope\" in the history at " + state().string()));
}

TEST_F(History, FinishingARunThatWasNeverStartedIsRefusedAndWritesNothing) {
    RunHistory history = open();
    RunRecord record = test::sample_run();
    EXPECT_THAT(test::error_of<std::invalid_argument>([&] { history.run_finished(record); }),
                HasSubstr("was never started"));
    EXPECT_FALSE(fs::exists(state() / "runs" / record.id));
}

TEST_F(History, ARowLeftRunningIsRecoveredAsInterruptedWithTheReason) {
    const RunSummary run = start_then_crash();
    RunHistory history = open();
    const auto recovered = history.recover_interrupted();
    ASSERT_EQ(recovered.size(), 1u);
    EXPECT_EQ(recovered[0].id, run.id);
    EXPECT_EQ(recovered[0].status, "interrupted");
    EXPECT_EQ(recovered[0].reason, "the daemon stopped during the run (crash or power loss)");
    EXPECT_EQ(history.find(run.id)->status, "interrupted");
    EXPECT_TRUE(history.recover_interrupted().empty());
    EXPECT_THAT(test::error_of<std::runtime_error>([&] { history.load(run.id); }),
                HasSubstr("is interrupted"));
}

TEST_F(History, ARunningRowWhoseRunJsonExistsIsRecoveredWithItsOutcome) {
    RunRecord record;
    {
        RunHistory crashed = open();
        record = record_of(start(crashed, "mini-r50-2004", "2026-11-25T14:35:01Z"));
        record.outcome = RunOutcome::passed;
        record.reason = "every fob programmed and verified";
        record.fobs[1].passed = true;
        // The files are durable, then the daemon dies before updating the index.
        write_run_directory(record, state() / "runs");
    }
    RunHistory history = open();
    const auto recovered = history.recover_interrupted();
    ASSERT_EQ(recovered.size(), 1u);
    EXPECT_EQ(recovered[0].status, "passed");
    EXPECT_EQ(recovered[0].reason, "every fob programmed and verified");
    EXPECT_FALSE(recovered[0].finished_utc.empty());
    const auto found = history.find(record.id);
    EXPECT_EQ(found->status, "passed");
    EXPECT_EQ(found->finished_utc, recovered[0].finished_utc);
    EXPECT_EQ(history.fobs_by_label("Fob B")[0].passed, true);
    test::expect_same_record(record, history.load(record.id));
}

TEST_F(History, ARunningRowWithADamagedRunJsonIsRecoveredAsInterruptedSayingWhy) {
    const RunSummary run = start_then_crash();
    std::ofstream(state() / "runs" / run.id / "run.json") << "{ not json";
    RunHistory history = open();
    const auto recovered = history.recover_interrupted();
    ASSERT_EQ(recovered.size(), 1u);
    EXPECT_EQ(recovered[0].status, "interrupted");
    EXPECT_THAT(recovered[0].reason,
                HasSubstr("(crash or power loss); its run.json cannot be read: " +
                          (state() / "runs" / run.id / "run.json").string()));
}

TEST_F(History, TwoReservesInTheSameSecondGetDistinctIds) {
    RunHistory history = open();
    const std::string first = history.reserve_run("mini-r50-2004");
    const std::string second = history.reserve_run("mini-r50-2004");
    const std::string third = history.reserve_run("mini-r50-2004");
    EXPECT_EQ(first, "20261125-143501-mini-r50-2004");
    EXPECT_EQ(second, "20261125-143501-mini-r50-2004-2");
    EXPECT_EQ(third, "20261125-143501-mini-r50-2004-3");
    EXPECT_TRUE(fs::is_directory(state() / "runs" / second));
}

TEST_F(History, AHostileIdIsRefusedWithoutTouchingTheFilesystem) {
    RunHistory history = open();
    for (const std::string id : {"../x", "a/b", "", ".", "..", ".hidden", "/etc"}) {
        SCOPED_TRACE(id);
        const std::string refusal = "run id \"" + id + "\" is not a plain name";
        EXPECT_THAT(test::error_of<std::invalid_argument>([&] { history.find(id); }),
                    HasSubstr(refusal));
        EXPECT_THAT(test::error_of<std::invalid_argument>([&] { history.load(id); }),
                    HasSubstr(refusal));
        EXPECT_THAT(test::error_of<std::invalid_argument>(
                        [&] { history.run_started({.id = id, .mode = "program"}); }),
                    HasSubstr(refusal));
        RunRecord record = test::sample_run();
        record.id = id;
        EXPECT_THAT(test::error_of<std::invalid_argument>([&] { history.run_finished(record); }),
                    HasSubstr(refusal));
    }
    EXPECT_THROW(history.reserve_run("../x"), std::invalid_argument);
    EXPECT_FALSE(fs::exists(folder_ / "x"));
    EXPECT_FALSE(fs::exists(state() / "x"));
    EXPECT_TRUE(history.list(10).empty());
}

TEST_F(History, ReopeningTheDatabaseKeepsEverythingAndItsSchemaVersion) {
    RunSummary run;
    {
        RunHistory history = open();
        run = start(history, "mini-r50-2004", "2026-11-25T14:35:01Z");
        history.run_finished(record_of(run));
    }
    RunHistory history = open();
    EXPECT_THAT(ids(history.list(10)), ElementsAre(run.id));
    EXPECT_EQ(history.find(run.id)->status, "failed");
    EXPECT_EQ(history.fobs_by_label("Fob A").size(), 1u);
    EXPECT_EQ(SqliteDatabase(state() / "history.sqlite3").user_version(),
              5); // runs, campaigns, record-failed and programmed fobs, unverified and variants,
                  // the key table's rule
    // The same second again: the reserved id is still taken.
    EXPECT_EQ(history.reserve_run("mini-r50-2004"), run.id + "-2");
}

TEST_F(History, ARunWhoseFilesCannotBeWrittenIsRecordFailedWithHowItEnded) {
    RunHistory history = open();
    const RunSummary run = start(history, "mini-r50-2004", "2026-11-25T14:35:01Z");
    fs::remove_all(state() / "runs" / run.id); // its files have nowhere to go
    EXPECT_THROW(history.run_finished(record_of(run)), RecordFailed);
    const auto found = history.find(run.id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->status, "record-failed");
    EXPECT_THAT(found->reason, HasSubstr("the run ended failed (1 of 2 fobs failed), but its "
                                         "files could not be written: cannot rename"));
    EXPECT_EQ(found->finished_utc, "2026-11-25T14:35:01Z");
    EXPECT_THAT(test::error_of<std::runtime_error>([&] { history.load(run.id); }),
                HasSubstr("no finished record"));
    // Nor does a restart call it a crash.
    EXPECT_TRUE(open().recover_interrupted().empty());
}

TEST_F(History, ARunWhoseFilesCannotBeOpenedIsNotStartedAndLeavesNoFolder) {
    RunHistory history = open();
    const std::string id = history.reserve_run("mini-r50-2004");
    // A run.json already there stands for any file that cannot be opened.
    std::ofstream(state() / "runs" / id / "run.json") << "{}";
    RunSummary run{.id = id,
                   .started_utc = "2026-11-25T14:35:01Z",
                   .procedure_id = "p",
                   .rig_name = "bench-1",
                   .mode = "program"};
    EXPECT_THROW(history.run_started(run), std::system_error);
    EXPECT_TRUE(history.list(10).empty());
    fs::remove(state() / "runs" / id / "run.json");
    const std::string again = history.reserve_run("mini-r50-2004");
    run.id = again;
    history.run_started(run);
    EXPECT_THAT(ids(history.list(10)), ElementsAre(again));
}

TEST_F(History, AVersionTwoIndexKeepsItsRunsAndFobsWhenMigrated) {
    RunHistory history = migrated_from(
        2, "INSERT INTO runs (id, started_utc, procedure_id, rig_name, mode, status) "
           "VALUES ('r1', '2026-01-01T00:00:00Z', 'p', 'bench-1', 'program', 'passed');"
           "INSERT INTO fobs (run_id, slot, label, passed) VALUES ('r1', 1, 'K', 1)");
    ASSERT_EQ(history.list(10).size(), 1u);
    EXPECT_EQ(history.list(10)[0].fobs.size(), 1u);
    ASSERT_EQ(history.fobs_by_label("K").size(), 1u);
    EXPECT_EQ(history.fobs_by_label("K")[0].passed, true);
}

TEST_F(History, AVersionThreeIndexKeepsItsRunsAndFobsWhenMigrated) {
    RunHistory history = migrated_from(
        3,
        "INSERT INTO runs (id, started_utc, procedure_id, rig_name, mode, status) "
        "VALUES ('r1', '2026-01-01T00:00:00Z', 'p', 'bench-1', 'program', 'record-failed');"
        "INSERT INTO fobs (run_id, slot, label, passed, programmed) VALUES ('r1', 1, 'K', 0, 1)");
    ASSERT_EQ(history.list(10).size(), 1u);
    EXPECT_EQ(history.list(10)[0].status, "record-failed");
    ASSERT_EQ(history.fobs_by_label("K").size(), 1u);
    EXPECT_EQ(history.fobs_by_label("K")[0].passed, false);
    EXPECT_EQ(history.last_answered_variant("p", "bench-1"), "");
}

// Programmed, but not every fob seen to answer: the index keeps that word, not an error.
TEST_F(History, AnUnverifiedRunIsRecordedAsUnverified) {
    RunHistory history = open();
    const RunSummary run = start(history, "mini-r50-2004", "2026-11-25T14:35:01Z");
    RunRecord record = record_of(run);
    record.outcome = RunOutcome::unverified;
    record.reason = "every fob programmed in one session, attempt 1; not verified: slot 2";
    history.run_finished(record);
    EXPECT_EQ(history.find(run.id)->status, "unverified");
    EXPECT_EQ(history.load(run.id).outcome, RunOutcome::unverified);
}

TEST_F(History, TheVariantTheCarAnsweredLastIsKeptForItsProcedureAndRig) {
    RunHistory history = open();
    EXPECT_EQ(history.last_answered_variant("mini-r50-2004", "bench-1"), "");
    const auto finish = [&](const std::string& procedure, std::optional<std::string> answered) {
        const RunSummary run = start(history, procedure, "2026-11-25T14:35:01Z");
        RunRecord record = record_of(run);
        record.checks = {}; // the sample's own answered 'unlock-held'
        record.checks.push_back({.attempt = 1,
                                 .step_id = "learn",
                                 .slot = 1,
                                 .passed = answered.has_value(),
                                 .variant = answered.value_or("unlock-held")});
        history.run_finished(record);
        now_ += 1s;
    };
    finish("mini-r50-2004", "chord-start");
    finish("mini-r50-2004", std::nullopt); // played unlock-held, no answer: not remembered
    finish("other-car", "unlock-held");
    EXPECT_EQ(history.last_answered_variant("mini-r50-2004", "bench-1"), "chord-start");
    EXPECT_EQ(history.last_answered_variant("mini-r50-2004", "bench-2"), "");
    EXPECT_EQ(history.last_answered_variant("other-car", "bench-1"), "unlock-held");
}

TEST_F(History, FobsByLabelGivesEveryRunsVerdictForThatLabel) {
    RunHistory history = open();
    const RunSummary first = start(history, "mini-r50-2004", "2026-11-25T14:35:01Z", "owner-A");
    history.run_finished(record_of(first)); // slot 1 passed
    now_ += 60s;
    const RunSummary second =
        start(history, "mini-r50-2004", "2026-11-25T14:36:01Z", "spare-B", "owner-A");
    history.run_finished(record_of(second)); // slot 2 failed
    now_ += 60s;
    const RunSummary third = start(history, "mini-r50-2004", "2026-11-25T14:37:01Z", "owner-A");

    const auto runs = history.fobs_by_label("owner-A");
    ASSERT_EQ(runs.size(), 3u);
    EXPECT_EQ(runs[0].run_id, third.id);
    EXPECT_EQ(runs[0].status, "running");
    EXPECT_EQ(runs[0].passed, std::nullopt);
    EXPECT_EQ(runs[1].run_id, second.id);
    EXPECT_EQ(runs[1].slot, 2);
    EXPECT_EQ(runs[1].passed, false);
    EXPECT_EQ(runs[1].reason, "car answered unlock, expected lock");
    EXPECT_EQ(runs[2].run_id, first.id);
    EXPECT_EQ(runs[2].slot, 1);
    EXPECT_EQ(runs[2].passed, true);
    EXPECT_EQ(runs[2].procedure_id, "mini-r50-2004");
    EXPECT_EQ(runs[2].mode, "program");
    EXPECT_TRUE(history.fobs_by_label("nobody").empty());
}

TEST_F(History, AReadOnlyStateFolderGivesAClearErrorNamingThePath) {
    if (::geteuid() == 0) {
        GTEST_SKIP() << "root writes to read-only folders, so there is nothing to refuse";
    }
    fs::create_directories(state());
    fs::permissions(state(), fs::perms::owner_read | fs::perms::owner_exec);
    const std::string message = test::error_of<std::system_error>([&] { open(); });
    EXPECT_THAT(message, HasSubstr("cannot keep the run history in " + state().string()));
    EXPECT_THAT(message, HasSubstr("Permission denied"));
}

} // namespace
} // namespace fobrig
