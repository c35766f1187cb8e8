#include "rig/protocol/message.hpp"

namespace fobrig::protocol {

nlohmann::json answer(const nlohmann::json& id, nlohmann::json body) {
    body["v"] = version;
    body["id"] = id;
    body["ok"] = true;
    return body;
}

nlohmann::json refusal(const nlohmann::json& id, const std::string& code,
                       const std::string& message, const std::string& field) {
    nlohmann::json body{
        {"v", version}, {"id", id}, {"ok", false}, {"error", code}, {"message", message}};
    if (!field.empty()) {
        body["field"] = field;
    }
    return body;
}

nlohmann::json refusal(const nlohmann::json& id, const RequestError& error) {
    return refusal(id, error.code(), error.what(), error.field());
}

nlohmann::json event(const std::string& type, nlohmann::json body) {
    body["v"] = version;
    body["event"] = type;
    return body;
}

std::string line(const nlohmann::json& message) {
    // Replacement keeps the daemon alive when a label holds invalid UTF-8.
    return message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

} // namespace fobrig::protocol
