#include "rig/history/key_table.hpp"

#include <algorithm>

namespace fobrig {

namespace {

// Program runs on a rig that programmed at least one fob: each was a session the car kept.
constexpr std::string_view sessions =
    "SELECT r.id, r.finished_utc, r.seq FROM runs r WHERE r.rig_name = ? AND r.mode = 'program' "
    "AND EXISTS (SELECT 1 FROM fobs f WHERE f.run_id = r.id AND f.programmed = 1) ";

bool same_fob(const FobUnderTest& a, const FobUnderTest& b) {
    return a.label.empty() ? b.label.empty() && a.slot == b.slot : a.label == b.label;
}

} // namespace

std::vector<FobUnderTest> KeyTable::programmed_by(const std::string& run_id) {
    SqliteStatement rows(database_, "SELECT slot, label FROM fobs WHERE run_id = ? AND "
                                    "programmed = 1 ORDER BY slot");
    rows.bind_all(run_id);
    std::vector<FobUnderTest> fobs;
    while (rows.step()) {
        fobs.push_back({static_cast<int>(rows.integer(0)), rows.text(1)});
    }
    return fobs;
}

std::optional<KnownKeys> KeyTable::known_keys(const std::string& rig_name) {
    SqliteStatement newest(database_, std::string(sessions) +
                                          "ORDER BY r.started_utc DESC, r.seq DESC LIMIT 1");
    newest.bind_all(rig_name);
    if (!newest.step()) {
        return std::nullopt;
    }
    KnownKeys keys{.run_id = newest.text(0), .finished_utc = newest.text(1)};
    keys.fobs = programmed_by(keys.run_id);
    return keys;
}

std::optional<std::string> KeyTable::deprogrammed(const std::string& rig_name,
                                                  const FobUnderTest& fob) {
    // Oldest first: the first session after the one that programmed the fob and without it is
    // the one that erased it.
    SqliteStatement runs(database_, std::string(sessions) + "ORDER BY r.started_utc, r.seq");
    runs.bind_all(rig_name);
    bool held = false;
    std::optional<std::string> erased;
    while (runs.step()) {
        const std::string id = runs.text(0);
        const auto programmed = programmed_by(id);
        const bool has_it = std::any_of(programmed.begin(), programmed.end(),
                                        [&](const FobUnderTest& f) { return same_fob(f, fob); });
        if (has_it) {
            held = true;
            erased.reset();
        } else if (held && !erased) {
            erased = "run " + id + ", which programmed slots " + slots_text(programmed);
        }
    }
    if (!erased) {
        return std::nullopt;
    }
    const std::string name = fob.label.empty() ? "slot " + std::to_string(fob.slot) : fob.label;
    return name + " was de-programmed by " + *erased;
}

} // namespace fobrig
