// A campaign's report, built from its progress alone: each fob's result in a mechanic's words
// (works, works after resync, fails, not tested), whether the kept keys were restored, and what
// the car's key table is believed to hold; as a terminal table, CSV and JSON.
#pragma once

#include "rig/campaign/campaign_progress.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace fobrig {

enum class FobClass { works, works_after_resync, fails, not_tested };

// "works", "works after resync", "fails", "not tested".
std::string to_string(FobClass result);
// The other way; throws std::invalid_argument for another text.
FobClass fob_class_named(const std::string& text);

struct FobReport {
    int number = 0;
    std::string label;
    bool keep = false;
    int slot = 0;
    int round = 0;                    // the round that tests it (the restoring round for kept keys)
    bool programmed = false;          // in its last programming session (never, verifying only)
    bool lock_verified = false;       // the car answered its lock press at least once
    bool unlock_verified = false;     // likewise unlock
    std::optional<double> latency_ms; // the slower of the car's lock and unlock answers
    int attempts = 0;                 // of every run that took it
    int presses = 0;                  // contacts the rig closed on it
    FobClass result = FobClass::not_tested;
    std::string reason;  // why it fails, needed a resync, or was not tested
    std::string warning; // its rolling counter may be near the receiver's window
};

// What the car's key table is believed to hold.
struct CarKeys {
    enum class State {
        untouched, // no programming session of this campaign began
        known,     // as the last session confirmed
        uncertain, // a session was cut off: it may have erased keys it did not confirm
    };
    State state = State::untouched;
    std::vector<std::string> labels; // confirmed in the last session
    bool kept_keys_only = false;     // known, and exactly the kept keys
};

struct CampaignReport {
    std::string id;
    std::string procedure_id;
    std::string rig_name;
    std::string started_utc;
    bool verify_only = false;
    bool finished = false;
    bool testing_stopped = false;
    std::string stop_reason;
    int rounds_planned = 0;
    int rounds_done = 0;
    // Every kept key was programmed again in the restoring round; empty when verifying only
    // or before the restoring round ran.
    std::optional<bool> restored;
    CarKeys car_keys;
    std::vector<FobReport> fobs; // in the order they were given
};

CampaignReport build_report(const CampaignProgress& progress);

// "the car holds 1, 2 (the kept keys)", and the like.
std::string car_keys_text(const CarKeys& keys);
// One line: the counts, the restoring round, and what is left to do.
std::string campaign_summary(const CampaignReport& report);

// The summary, then one row per fob: label, slot, round, programmed, lock, unlock, latency,
// attempts, presses, result and reason; warnings below.
std::string campaign_table(const CampaignReport& report);
// Header "number,label,keep,slot,round,programmed,lock_verified,unlock_verified,latency_ms,
// attempts,presses,result,reason,warning", then one row per fob (RFC 4180).
std::string campaign_csv(const CampaignReport& report);
nlohmann::json campaign_json(const CampaignReport& report);
// One fob's row of campaign_json(), for `fobrig fobs`.
nlohmann::json fob_json(const FobReport& fob);

} // namespace fobrig
