// The car's key table as far as the rig knows it, told from the run history: a programming
// session leaves the car holding exactly the fobs it programmed, so the newest program run on
// a rig that programmed any fob says what the car holds now.
#pragma once

#include "rig/core/programming_run.hpp"
#include "rig/history/sqlite_database.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace fobrig {

struct KnownKeys {
    std::string run_id; // the program run whose session the car holds
    std::string finished_utc;
    std::vector<FobUnderTest> fobs; // those it programmed
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
    std::vector<FobUnderTest> programmed_by(const std::string& run_id);

    SqliteDatabase database_;
};

} // namespace fobrig
