// The fleet as a client sees it: each rig's retained status and its heartbeats, judged on the
// client's own clock. A rig counts as present only while heartbeats of the boot epoch its
// status names keep coming: a retained "online" outlives a rig while the broker is down, and a
// rig that restarted speaks with a new epoch.
#pragma once

#include "rig/core/time.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace fobrig::fleet {

enum class Presence { present, lost, offline, silent, duplicate };

// "present", "lost" (the broker published its will), "offline" (it stopped cleanly), "silent"
// (its status says online but no fresh heartbeat of that epoch came), "duplicate" (two rigs
// speak as this id: heartbeats of two boot epochs keep coming in turn).
std::string_view name_of(Presence presence);

struct RigSeen {
    std::string rig;
    Presence presence = Presence::silent;
    nlohmann::json status;             // as the rig last published it
    std::vector<std::uint64_t> epochs; // duplicate: the epochs heard speaking at once
};

class FleetView {
public:
    void status(const std::string& rig, const nlohmann::json& status, Instant now);
    void heartbeat(const std::string& rig, const nlohmann::json& beat, Instant now);
    // Every rig heard of, by id. A heartbeat counts as fresh for twice the interval the
    // rig's status announces.
    std::vector<RigSeen> rigs(Instant now) const;

private:
    struct Beats {
        Instant first;
        Instant last;
    };
    struct Rig {
        nlohmann::json status;
        std::map<std::uint64_t, Beats> beats; // the heartbeats heard of each epoch
    };
    std::map<std::string, Rig> rigs_;
};

} // namespace fobrig::fleet
