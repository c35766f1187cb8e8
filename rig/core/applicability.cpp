#include "rig/core/applicability.hpp"

#include <algorithm>

namespace fobrig {

std::string key_type_or_default(const Procedure& procedure, const std::string& key_type) {
    const auto& accepted = procedure.applies_to.key_types;
    return key_type.empty() && !accepted.empty() ? accepted.front() : key_type;
}

std::optional<std::string> refuse_key_type(const Procedure& procedure, const std::string& given) {
    const std::string key_type = key_type_or_default(procedure, given);
    const auto& applies = procedure.applies_to;
    if (const auto refused = applies.refused_key_types.find(key_type);
        refused != applies.refused_key_types.end()) {
        return refused->second;
    }
    if (std::find(applies.key_types.begin(), applies.key_types.end(), key_type) !=
        applies.key_types.end()) {
        return std::nullopt;
    }
    std::string accepted;
    for (const auto& type : applies.key_types) {
        accepted += (accepted.empty() ? "" : ", ") + type;
    }
    return "'" + key_type + "' is not a key type this procedure knows; it is for: " + accepted;
}

std::string key_table_text(const Applicability& car) {
    const std::string keys = std::to_string(car.max_keys);
    switch (car.key_table) {
    case KeyTablePolicy::stacking:
        return "the car keeps the newest " + keys + " keys, a new one erasing the oldest";
    case KeyTablePolicy::additive:
        return "the car keeps at most " + keys + " keys, a session adding its keys to those it " +
               "holds";
    case KeyTablePolicy::erase_all:
        break;
    }
    return "the car keeps at most " + keys +
           " keys and a session erases every key not programmed in it";
}

} // namespace fobrig
