#include "rig/fleet/rig_presence.hpp"

namespace fobrig::fleet {

std::string_view name_of(Presence presence) {
    switch (presence) {
    case Presence::present:
        return "present";
    case Presence::lost:
        return "lost";
    case Presence::offline:
        return "offline";
    case Presence::silent:
        break;
    }
    return "silent";
}

void FleetView::status(const std::string& rig, const nlohmann::json& status, Instant) {
    rigs_[rig].status = status;
}

void FleetView::heartbeat(const std::string& rig, const nlohmann::json& beat, Instant now) {
    if (beat.is_object() && beat.contains("epoch") && beat["epoch"].is_number_integer() &&
        beat["epoch"] >= 0) {
        rigs_[rig].beats[beat["epoch"].get<std::uint64_t>()] = now;
    }
}

std::vector<RigSeen> FleetView::rigs(Instant now) const {
    std::vector<RigSeen> seen;
    for (const auto& [id, rig] : rigs_) {
        RigSeen& one = seen.emplace_back(RigSeen{.rig = id, .status = rig.status});
        const std::string state = rig.status.value("state", "");
        if (state == "lost" || state == "offline") {
            one.presence = state == "lost" ? Presence::lost : Presence::offline;
            continue;
        }
        const auto epoch = rig.status.value("epoch", std::uint64_t{0});
        const auto interval = milliseconds(rig.status.value("heartbeat_ms", 2000));
        const auto beat = rig.beats.find(epoch);
        if (state == "online" && beat != rig.beats.end() && now - beat->second <= 2 * interval) {
            one.presence = Presence::present;
        }
    }
    return seen;
}

} // namespace fobrig::fleet
