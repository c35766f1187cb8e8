#include "rig/protocol/request.hpp"

#include <algorithm>
#include "rig/protocol/fob_label.hpp"

#include <charconv>

namespace fobrig::protocol {

namespace {

// How deep arrays and objects nest in `line`, read as JSON text: brackets inside strings do
// not count. Stops counting past `limit`.
int nesting_depth(std::string_view line, int limit) {
    int depth = 0;
    int deepest = 0;
    bool in_string = false;
    bool escaped = false;
    for (const char c : line) {
        if (in_string) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
            if (deepest > limit) {
                break;
            }
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return deepest;
}

} // namespace

Request::Request(nlohmann::json body) : body_(std::move(body)) {
    id_ = body_.contains("id") ? body_["id"] : nlohmann::json(nullptr);
    name_ = body_.value("request", "");
}

Request Request::parse(std::string_view line) {
    if (nesting_depth(line, max_depth) > max_depth) {
        throw RequestError("too-deep", "the request nests arrays and objects more than " +
                                           std::to_string(max_depth) + " levels deep");
    }
    nlohmann::json body = nlohmann::json::parse(line, nullptr, false);
    if (body.is_discarded()) {
        throw RequestError("bad-json", "the request is not valid JSON");
    }
    if (!body.is_object()) {
        throw RequestError("bad-request", "a request is a JSON object on one line");
    }
    if (body.contains("v") && body["v"] != version) {
        throw RequestError("version",
                           "protocol version " + body["v"].dump() +
                               " is not spoken here (this "
                               "daemon speaks version " +
                               std::to_string(version) + ")",
                           "v");
    }
    if (!body.contains("request") || !body["request"].is_string()) {
        throw RequestError("bad-request", "the request has no \"request\" name", "request");
    }
    return Request(std::move(body));
}

void Request::bad(const char* field, const std::string& expected) const {
    throw RequestError("bad-field",
                       "request '" + name_ + "': field '" + field + "' must be " + expected, field);
}

std::optional<std::string> Request::text(const char* field) const {
    if (!body_.contains(field) || body_[field].is_null()) {
        return std::nullopt;
    }
    if (!body_[field].is_string()) {
        bad(field, "a string");
    }
    return body_[field].get<std::string>();
}

std::string Request::required_text(const char* field) const {
    auto value = text(field);
    if (!value || value->empty()) {
        bad(field, "given, as a non-empty string");
    }
    return *value;
}

std::vector<int> Request::slots(const char* field) const {
    std::vector<int> result;
    if (!body_.contains(field) || body_[field].is_null()) {
        return result;
    }
    const auto& list = body_[field];
    if (!list.is_array()) {
        bad(field, "a list of slot numbers");
    }
    for (const auto& slot : list) {
        if (!slot.is_number_integer() || slot.get<std::int64_t>() < 1 ||
            slot.get<std::int64_t>() > 64) {
            bad(field, "a list of slot numbers from 1 to 64");
        }
        result.push_back(slot.get<int>());
    }
    return result;
}

std::map<int, std::string> Request::labels(const char* field) const {
    std::map<int, std::string> result;
    if (!body_.contains(field) || body_[field].is_null()) {
        return result;
    }
    const auto& map = body_[field];
    if (!map.is_object()) {
        bad(field, "an object of slot number to label");
    }
    for (const auto& [key, label] : map.items()) {
        int slot = 0;
        const auto [end, error] = std::from_chars(key.data(), key.data() + key.size(), slot);
        if (error != std::errc{} || end != key.data() + key.size() || !label.is_string()) {
            bad(field, "an object of slot number to label, like {\"1\": \"spare-A\"}");
        }
        if (const auto problem = label_problem(label.get<std::string>())) {
            throw RequestError("bad-field",
                               "request '" + name_ + "': field '" + field + "': slot " + key +
                                   ": " + *problem,
                               field);
        }
        result[slot] = label.get<std::string>();
    }
    return result;
}

bool Request::flag(const char* field) const {
    if (!body_.contains(field) || body_[field].is_null()) {
        return false;
    }
    if (!body_[field].is_boolean()) {
        bad(field, "true or false");
    }
    return body_[field].get<bool>();
}

std::optional<std::int64_t> Request::integer(const char* field, std::int64_t min,
                                             std::int64_t max) const {
    if (!body_.contains(field) || body_[field].is_null()) {
        return std::nullopt;
    }
    const auto& value = body_[field];
    if (!value.is_number_integer() || value.get<std::int64_t>() < min ||
        value.get<std::int64_t>() > max) {
        bad(field, "a whole number from " + std::to_string(min) + " to " + std::to_string(max));
    }
    return value.get<std::int64_t>();
}

} // namespace fobrig::protocol
