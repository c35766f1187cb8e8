// The car's key table the daemon tells, replayed from the history with each session's rule:
// erase-all keeps the last session's fobs, stacking the newest codes, additive every fob.
#include "rig/history/key_table.hpp"

#include "rig/history/history_schema.hpp"
#include "rig/history/run_history.hpp"
#include "temp_folder.hpp"
#include "tests/record/sample_run.hpp"

#include <gmock/gmock.h>

namespace fobrig {
namespace {

using ::testing::ElementsAre;
using ::testing::Optional;

class KeyTableHistory : public test::TempFolderTest {
protected:
    // A program session on rig "bench" that programmed every one of `labels`, one slot each.
    void session(KeyTablePolicy policy, int max_keys, const std::vector<std::string>& labels) {
        RunSummary run{.id = history().reserve_run("car"),
                       .started_utc = "2026-12-02T05:0" + std::to_string(sessions_++) + ":00Z",
                       .procedure_id = "car",
                       .rig_name = "bench",
                       .mode = "program",
                       .key_table = policy,
                       .max_keys = max_keys};
        RunRecord record = test::sample_run();
        record.id = run.id;
        record.procedure_id = run.procedure_id;
        record.fobs.clear();
        for (std::size_t i = 0; i < labels.size(); ++i) {
            const int slot = static_cast<int>(i) + 1;
            run.fobs.push_back({slot, labels[i]});
            record.fobs.push_back({slot, labels[i], true, true, true, ""});
        }
        history().run_started(run);
        history().run_finished(record);
        ids_.push_back(run.id);
    }

    std::vector<std::string> held() {
        std::vector<std::string> labels;
        if (const auto keys = KeyTable(history().database_file()).known_keys("bench")) {
            for (const auto& fob : keys->fobs) {
                labels.push_back(fob.label);
            }
        }
        return labels;
    }

    std::optional<std::string> erased(const std::string& label) {
        return KeyTable(history().database_file()).deprogrammed("bench", {1, label});
    }

    // Opened at first use, after SetUp made the folder.
    RunHistory& history() {
        if (!history_) {
            history_.emplace(folder_ / "state");
        }
        return *history_;
    }

    std::optional<RunHistory> history_;
    int sessions_ = 0;
    std::vector<std::string> ids_;
};

TEST_F(KeyTableHistory, AnEraseAllCarHoldsTheLastSessionsFobsOnly) {
    session(KeyTablePolicy::erase_all, 4, {"A", "B"});
    session(KeyTablePolicy::erase_all, 4, {"C"});
    EXPECT_THAT(held(), ElementsAre("C"));
    EXPECT_THAT(erased("A"),
                Optional("A was de-programmed by run " + ids_[1] + ", which programmed slots 1"));
    EXPECT_EQ(erased("C"), std::nullopt);
}

// The Honda keeps three codes; a fourth erases the oldest, and only it.
TEST_F(KeyTableHistory, AStackingCarKeepsTheNewestCodesAndErasesTheOldest) {
    session(KeyTablePolicy::stacking, 3, {"A", "B"});
    session(KeyTablePolicy::stacking, 3, {"C"});
    EXPECT_THAT(held(), ElementsAre("A", "B", "C"));
    session(KeyTablePolicy::stacking, 3, {"D"});
    EXPECT_THAT(held(), ElementsAre("B", "C", "D"));
    EXPECT_THAT(erased("A"), Optional("A was de-programmed by run " + ids_[2] +
                                      ", which programmed slots 1 (the car keeps the newest 3 "
                                      "keys)"));
    EXPECT_EQ(erased("B"), std::nullopt);
    // Programmed again, B is the newest code: C is the oldest now and goes next.
    session(KeyTablePolicy::stacking, 3, {"B", "E"});
    EXPECT_THAT(held(), ElementsAre("D", "B", "E"));
}

TEST_F(KeyTableHistory, AnAdditiveCarKeepsEveryFobProgrammed) {
    session(KeyTablePolicy::additive, 4, {"A"});
    session(KeyTablePolicy::additive, 4, {"B", "A"});
    EXPECT_THAT(held(), ElementsAre("A", "B"));
    EXPECT_EQ(erased("A"), std::nullopt);
}

// A history written before key tables had a rule (version 4): its sessions read as erase-all,
// as every session was taken then.
TEST_F(KeyTableHistory, RunsFromBeforeTheRuleReadAsEraseAll) {
    std::filesystem::create_directories(folder_ / "state");
    {
        SqliteDatabase old(folder_ / "state" / "history.sqlite3");
        old.migrate(history_migrations().first(4));
        old.execute(
            "INSERT INTO runs (id, started_utc, procedure_id, rig_name, mode, status) VALUES "
            "('r1', '2026-01-01T00:00:00Z', 'car', 'bench', 'program', 'passed'), "
            "('r2', '2026-01-02T00:00:00Z', 'car', 'bench', 'program', 'passed');"
            "INSERT INTO fobs (run_id, slot, label, programmed) VALUES "
            "('r1', 1, 'A', 1), ('r1', 2, 'B', 1), ('r2', 1, 'C', 1);");
    }
    EXPECT_THAT(held(), ElementsAre("C"));
    EXPECT_THAT(erased("A"), Optional(std::string("A was de-programmed by run r2, which "
                                                  "programmed slots 1")));
}

} // namespace
} // namespace fobrig
