// The daemon's side of the wire: answers to requests, and events for subscribers. Each is one
// line of JSON carrying the protocol version.
#pragma once

#include "rig/protocol/request.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace fobrig::protocol {

// {"v":1,"id":ID,"ok":true, ...body}
nlohmann::json answer(const nlohmann::json& id, nlohmann::json body = nlohmann::json::object());
// {"v":1,"id":ID,"ok":false,"error":CODE,"message":TEXT[,"field":FIELD]}
nlohmann::json refusal(const nlohmann::json& id, const std::string& code,
                       const std::string& message, const std::string& field = {});
nlohmann::json refusal(const nlohmann::json& id, const RequestError& error);
// {"v":1,"event":TYPE, ...body}
nlohmann::json event(const std::string& type, nlohmann::json body);

// A message as the line that goes on the wire, newline included.
std::string line(const nlohmann::json& message);

} // namespace fobrig::protocol
