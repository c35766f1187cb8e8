// A client's request, read from one line of JSON, with typed access to its fields that names
// the request and the field in every error.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace fobrig::protocol {

constexpr int version = 1;
// A longer line is refused: no request needs more, and the daemon must not buffer without end.
constexpr std::size_t max_line = 64 * 1024;
// Deeper nesting is refused before it is parsed: no request nests more than three levels, and
// a parser or a destructor walking 10,000 levels would overflow the daemon's stack.
constexpr int max_depth = 32;

// A request the daemon cannot act on; `code` is machine-readable, `field` names the culprit.
class RequestError : public std::runtime_error {
public:
    RequestError(std::string code, const std::string& message, std::string field = {})
        : std::runtime_error(message), code_(std::move(code)), field_(std::move(field)) {}
    const std::string& code() const { return code_; }
    const std::string& field() const { return field_; }

private:
    std::string code_;
    std::string field_;
};

class Request {
public:
    // Throws RequestError: bad-json, too-deep (nested deeper than max_depth), bad-request (not
    // an object, no "request"), version.
    static Request parse(std::string_view line);
    static Request make(std::string name) { return Request(nlohmann::json{{"request", name}}); }

    const std::string& name() const { return name_; }
    const nlohmann::json& id() const { return id_; }
    const nlohmann::json& json() const { return body_; }

    // Each throws RequestError("bad-field") naming the field when it has the wrong type.
    std::optional<std::string> text(const char* field) const;
    std::string required_text(const char* field) const;
    std::vector<int> slots(const char* field) const;            // [1, 2]
    std::map<int, std::string> labels(const char* field) const; // {"1": "spare-A"}
    bool flag(const char* field) const;                         // absent: false
    std::optional<std::int64_t> integer(const char* field, std::int64_t min,
                                        std::int64_t max) const;

private:
    explicit Request(nlohmann::json body);
    [[noreturn]] void bad(const char* field, const std::string& expected) const;

    nlohmann::json body_;
    nlohmann::json id_;
    std::string name_;
};

} // namespace fobrig::protocol
