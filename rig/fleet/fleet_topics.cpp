#include "rig/fleet/fleet_topics.hpp"

#include <algorithm>

namespace fobrig::fleet {

namespace {

std::string topic(std::string_view rig, std::string_view kind) {
    std::string text(topic_root);
    text.append(rig).append("/").append(kind);
    return text;
}

} // namespace

std::string status_topic(std::string_view rig) {
    return topic(rig, "status");
}
std::string heartbeat_topic(std::string_view rig) {
    return topic(rig, "heartbeat");
}
std::string command_topic(std::string_view rig) {
    return topic(rig, "command");
}
std::string reply_topic(std::string_view rig) {
    return topic(rig, "reply");
}
std::string every_rig(std::string_view kind) {
    return topic("+", kind);
}

TopicParts parse_topic(std::string_view text) {
    if (!text.starts_with(topic_root)) {
        return {};
    }
    text.remove_prefix(topic_root.size());
    const auto slash = text.find('/');
    if (slash == std::string_view::npos || text.find('/', slash + 1) != std::string_view::npos) {
        return {};
    }
    return {std::string(text.substr(0, slash)), std::string(text.substr(slash + 1))};
}

std::string rig_id_problem(std::string_view id) {
    if (id.empty() || id.size() > 64) {
        return "a rig id has 1 to 64 characters";
    }
    if (!std::ranges::all_of(id, [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                   c == '-' || c == '_';
        })) {
        return "a rig id has letters, digits, '-' and '_' only (it names MQTT topics)";
    }
    return {};
}

} // namespace fobrig::fleet
