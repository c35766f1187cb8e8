// std::optional in nlohmann::json as the value or null, which the library (3.11) does not do
// by itself; the campaign's stored progress and its report both need it.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>

namespace nlohmann {

template <typename T> struct adl_serializer<std::optional<T>> {
    static void to_json(json& j, const std::optional<T>& value) {
        j = value ? json(*value) : json(nullptr);
    }
    static void from_json(const json& j, std::optional<T>& value) {
        value = j.is_null() ? std::nullopt : std::optional<T>(j.get<T>());
    }
};

} // namespace nlohmann
