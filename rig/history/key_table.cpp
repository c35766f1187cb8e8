#include "rig/history/key_table.hpp"

#include <algorithm>

namespace fobrig {

namespace {

// Program runs on a rig that programmed at least one fob, oldest first: each was a session the
// car kept, with the rule its procedure gave for the car's key table.
constexpr std::string_view sessions =
    "SELECT r.id, r.finished_utc, r.key_table, r.max_keys FROM runs r WHERE r.rig_name = ? AND "
    "r.mode = 'program' AND EXISTS (SELECT 1 FROM fobs f WHERE f.run_id = r.id AND "
    "f.programmed = 1) ORDER BY r.started_utc, r.seq";

bool same_fob(const FobUnderTest& a, const FobUnderTest& b) {
    return a.label.empty() ? b.label.empty() && a.slot == b.slot : a.label == b.label;
}

bool holds(const std::vector<FobUnderTest>& fobs, const FobUnderTest& fob) {
    return std::ranges::any_of(fobs, [&](const FobUnderTest& f) { return same_fob(f, fob); });
}

KeyTablePolicy policy_named(const std::string& name) {
    const auto found = std::ranges::find(key_table_names, name);
    return found == key_table_names.end()
               ? KeyTablePolicy::erase_all
               : static_cast<KeyTablePolicy>(found - key_table_names.begin());
}

// The car's table after a session that programmed `programmed` (in slot order); returns the
// fobs the session erased from it.
std::vector<FobUnderTest> apply_session(KeyTablePolicy policy, int max_keys,
                                        const std::vector<FobUnderTest>& programmed,
                                        std::vector<FobUnderTest>& held) {
    std::vector<FobUnderTest> erased;
    switch (policy) {
    case KeyTablePolicy::erase_all:
        std::ranges::copy_if(held, std::back_inserter(erased),
                             [&](const FobUnderTest& f) { return !holds(programmed, f); });
        held = programmed;
        break;
    case KeyTablePolicy::stacking: // each new code goes on top; the oldest falls off
        for (const FobUnderTest& fob : programmed) {
            std::erase_if(held, [&](const FobUnderTest& f) { return same_fob(f, fob); });
            held.push_back(fob);
        }
        while (max_keys > 0 && held.size() > static_cast<std::size_t>(max_keys)) {
            erased.push_back(held.front());
            held.erase(held.begin());
        }
        break;
    case KeyTablePolicy::additive:
        std::ranges::copy_if(programmed, std::back_inserter(held),
                             [&](const FobUnderTest& f) { return !holds(held, f); });
        break;
    }
    return erased;
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

template <class OnSession>
std::vector<FobUnderTest> KeyTable::replay(const std::string& rig_name, OnSession on_session) {
    SqliteStatement runs(database_, std::string(sessions));
    runs.bind_all(rig_name);
    std::vector<FobUnderTest> held;
    while (runs.step()) {
        const Session session{.run_id = runs.text(0),
                              .finished_utc = runs.text(1),
                              .policy = policy_named(runs.text(2)),
                              .max_keys = static_cast<int>(runs.integer(3)),
                              .programmed = programmed_by(runs.text(0))};
        const auto erased =
            apply_session(session.policy, session.max_keys, session.programmed, held);
        on_session(session, erased);
    }
    return held;
}

std::optional<KnownKeys> KeyTable::known_keys(const std::string& rig_name) {
    std::optional<KnownKeys> keys;
    const auto held = replay(rig_name, [&](const Session& session, const auto&) {
        keys = KnownKeys{.run_id = session.run_id, .finished_utc = session.finished_utc};
    });
    if (keys) {
        keys->fobs = held;
    }
    return keys;
}

std::optional<std::string> KeyTable::deprogrammed(const std::string& rig_name,
                                                  const FobUnderTest& fob) {
    // The last session that erased the fob, unless a later one programmed it again.
    std::optional<std::string> erased_by;
    replay(rig_name, [&](const Session& session, const std::vector<FobUnderTest>& erased) {
        if (holds(session.programmed, fob)) {
            erased_by.reset();
        }
        if (holds(erased, fob)) {
            erased_by = "run " + session.run_id + ", which programmed slots " +
                        slots_text(session.programmed);
            if (session.policy == KeyTablePolicy::stacking) {
                *erased_by +=
                    " (the car keeps the newest " + std::to_string(session.max_keys) + " keys)";
            }
        }
    });
    if (!erased_by) {
        return std::nullopt;
    }
    const std::string name = fob.label.empty() ? "slot " + std::to_string(fob.slot) : fob.label;
    return name + " was de-programmed by " + *erased_by;
}

} // namespace fobrig
