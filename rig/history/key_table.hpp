// The car's key table as far as the rig knows it, told from the run history: every program run
// on a rig that programmed a fob was a session, replayed oldest first with its car's rule
// (erase-all: the car holds exactly the fobs the session programmed; stacking: the newest
// max_keys codes; additive: every fob programmed since).
#pragma once

#include "rig/core/programming_run.hpp"
#include "rig/history/sqlite_database.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace fobrig {

struct KnownKeys {
    std::string run_id; // the newest program run that programmed a fob
    std::string finished_utc;
    std::vector<FobUnderTest> fobs; // what the car holds after it, oldest code first
};

class KeyTable {
public:
    // The history's database (RunHistory::database_file()), already made by RunHistory.
    explicit KeyTable(const std::filesystem::path& database_file) : database_(database_file) {}

    // What the car on `rig_name` should hold; none before any program run programmed a fob.
    std::optional<KnownKeys> known_keys(const std::string& rig_name);

    // For a verify of `fob` (matched by its label, or its slot when it has none): "owner-A was
    // de-programmed by run RUN, which programmed slots 3,4" when a program run after the last
    // one that programmed it left it out; none otherwise.
    std::optional<std::string> deprogrammed(const std::string& rig_name, const FobUnderTest& fob);

private:
    struct Session {
        std::string run_id;
        std::string finished_utc;
        KeyTablePolicy policy = KeyTablePolicy::erase_all;
        int max_keys = 0;
        std::vector<FobUnderTest> programmed;
    };
    std::vector<FobUnderTest> programmed_by(const std::string& run_id);
    // The table after every session on the rig; `on_session(session, erased)` sees each.
    template <class OnSession>
    std::vector<FobUnderTest> replay(const std::string& rig_name, OnSession on_session);

    SqliteDatabase database_;
};

} // namespace fobrig
