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
    case Presence::duplicate:
        return "duplicate";
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
        const auto [beats, first] =
            rigs_[rig].beats.try_emplace(beat["epoch"].get<std::uint64_t>(), Beats{now, now});
        beats->second.last = now;
    }
}

std::vector<RigSeen> FleetView::rigs(Instant now) const {
    std::vector<RigSeen> seen;
    for (const auto& [id, rig] : rigs_) {
        RigSeen& one = seen.emplace_back(RigSeen{.rig = id, .status = rig.status});
        const auto interval = milliseconds(rig.status.value("heartbeat_ms", 2000));
        // A restarted rig's old epoch stops before its new one starts; two rigs with one id
        // beat in turn, each epoch heard again after the other began.
        for (const auto& [epoch, beats] : rig.beats) {
            for (const auto& [other, other_beats] : rig.beats) {
                if (epoch != other && other_beats.first < beats.last &&
                    beats.first < other_beats.last && now - beats.last <= 10 * interval) {
                    one.epochs.push_back(epoch);
                    break;
                }
            }
        }
        if (one.epochs.size() > 1) {
            one.presence = Presence::duplicate;
            continue;
        }
        one.epochs.clear();
        const std::string state = rig.status.value("state", "");
        if (state == "lost" || state == "offline") {
            one.presence = state == "lost" ? Presence::lost : Presence::offline;
            continue;
        }
        const auto epoch = rig.status.value("epoch", std::uint64_t{0});
        const auto beat = rig.beats.find(epoch);
        if (state == "online" && beat != rig.beats.end() &&
            now - beat->second.last <= 2 * interval) {
            one.presence = Presence::present;
        }
    }
    return seen;
}

} // namespace fobrig::fleet
