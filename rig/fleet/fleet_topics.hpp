// The fleet's topics, one folder a rig (docs/fleet.md):
//   fobrig/v1/RIG/status     retained: present, idle or busy, its car, slots, lease; the
//                            broker's Last Will sets it "lost"
//   fobrig/v1/RIG/heartbeat  every few seconds, with the rig's boot epoch
//   fobrig/v1/RIG/command    to the rig, QoS 1, each with an id; expires if not delivered
//   fobrig/v1/RIG/reply      from the rig: each command's outcome, by id
// so that a broker's ACL can let each rig write under its own id and read its own commands.
#pragma once

#include <string>
#include <string_view>

namespace fobrig::fleet {

inline constexpr std::string_view topic_root = "fobrig/v1/";

std::string status_topic(std::string_view rig);
std::string heartbeat_topic(std::string_view rig);
std::string command_topic(std::string_view rig);
std::string reply_topic(std::string_view rig);
// Every rig's topic of one kind ("status"): fobrig/v1/+/status.
std::string every_rig(std::string_view kind);
// The rig and the kind of a topic under topic_root; empty when `topic` is none of the fleet's.
struct TopicParts {
    std::string rig;
    std::string kind;
};
TopicParts parse_topic(std::string_view topic);

// Why `id` cannot name a rig (it names its topics and its broker user): empty when it can.
// Letters, digits, '-' and '_', 1 to 64 characters.
std::string rig_id_problem(std::string_view id);

} // namespace fobrig::fleet
