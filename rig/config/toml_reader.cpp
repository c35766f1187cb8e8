// Field-by-field reading of TOML with one check per field kind.
#include "rig/config/toml_reader.hpp"

#include <algorithm>

namespace fobrig::toml_reading {
namespace {

const char* type_name(toml::node_type type) {
    switch (type) {
    case toml::node_type::table:
        return "a table";
    case toml::node_type::array:
        return "an array";
    case toml::node_type::string:
        return "a string";
    case toml::node_type::integer:
        return "an integer";
    case toml::node_type::floating_point:
        return "a floating-point number";
    case toml::node_type::boolean:
        return "a boolean";
    case toml::node_type::date:
        return "a date";
    case toml::node_type::time:
        return "a time";
    case toml::node_type::date_time:
        return "a date-time";
    case toml::node_type::none:
        break;
    }
    return "nothing";
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) {
        out += (out.empty() ? "" : ", ") + item;
    }
    return out;
}

} // namespace

SourcePos position_of(const toml::source_region& region) {
    // toml++ leaves the root table without a position: the start of the file stands for it.
    return {std::max(1, static_cast<int>(region.begin.line)),
            std::max(1, static_cast<int>(region.begin.column))};
}

void Diagnostics::error(SourcePos pos, std::string message) {
    errors_.push_back({file_, pos.line, pos.column, std::move(message)});
}

std::optional<toml::table> parse_toml(std::string_view text, Diagnostics& out) {
    try {
        return toml::parse(text);
    } catch (const toml::parse_error& e) {
        out.error(position_of(e.source()), "TOML syntax: " + std::string(e.description()));
        return std::nullopt;
    }
}

TableReader::TableReader(const toml::table& table, std::string what, Diagnostics& out)
    : table_(table), what_(std::move(what)), out_(out) {}

SourcePos TableReader::pos() const {
    return position_of(table_.source());
}

std::string TableReader::field(std::string_view key) const {
    return "'" + std::string(key) + "' in " + what_;
}

void TableReader::error(std::string_view key, const std::string& message) {
    const toml::node* node = table_.get(key);
    out_.error(node ? position_of(node->source()) : pos(), message);
}

const toml::node* TableReader::find(std::string_view key, Need need) {
    if (std::ranges::find(allowed_, key) == allowed_.end()) {
        allowed_.emplace_back(key);
    }
    const toml::node* node = table_.get(key);
    if (node == nullptr && need == Need::required) {
        out_.error(pos(), "missing required field " + field(key));
    }
    return node;
}

template <class T>
const auto* TableReader::typed(std::string_view key, Need need, const char* type) {
    const toml::node* node = find(key, need);
    const auto* value = node ? node->as<T>() : nullptr;
    if (node != nullptr && value == nullptr) {
        error(key, field(key) + " must be " + type + ", not " + type_name(node->type()));
    }
    return value;
}

std::optional<std::string> TableReader::string(std::string_view key, Need need) {
    const auto* value = typed<std::string>(key, need, "a string");
    if (value == nullptr) {
        return std::nullopt;
    }
    if (need == Need::required && value->get().empty()) {
        error(key, field(key) + " must not be empty");
    }
    return value->get();
}

std::optional<std::int64_t> TableReader::integer(std::string_view key, Need need, std::int64_t min,
                                                 std::int64_t max) {
    const auto* value = typed<std::int64_t>(key, need, "an integer");
    if (value == nullptr) {
        return std::nullopt;
    }
    const std::int64_t v = value->get();
    if (v < min || v > max) {
        error(key, field(key) + " is " + std::to_string(v) + "; it must be between " +
                       std::to_string(min) + " and " + std::to_string(max));
        return std::nullopt;
    }
    return v;
}

bool TableReader::boolean(std::string_view key, bool fallback) {
    const auto* value = typed<bool>(key, Need::optional, "a boolean (true or false)");
    return value ? value->get() : fallback;
}

std::optional<Duration> TableReader::duration(std::string_view key, Need need,
                                              const DurationRule& rule) {
    const auto* value = typed<std::int64_t>(key, need, "an integer");
    if (value == nullptr) {
        return std::nullopt;
    }
    const std::int64_t v = value->get();
    const std::int64_t max = rule.max / rule.unit;
    if (v < 0) {
        error(key, field(key) + " is " + std::to_string(v) + "; a duration cannot be negative");
    } else if (v == 0 && !rule.zero_allowed) {
        error(key, field(key) + " is 0; " + std::string(rule.if_zero));
    } else if (v > max) {
        error(key, field(key) + " is " + std::to_string(v) + ", " + std::string(rule.if_over) +
                       ": at most " + std::to_string(max) + " makes sense");
    } else {
        return v * rule.unit;
    }
    return std::nullopt;
}

std::vector<std::string> TableReader::strings(std::string_view key, Need need) {
    std::vector<std::string> out;
    const toml::array* items = array(key, need);
    if (items == nullptr) {
        return out;
    }
    for (const toml::node& item : *items) {
        if (const auto* s = item.as_string()) {
            out.push_back(s->get());
        } else {
            out_.error(position_of(item.source()), "each entry of " + field(key) +
                                                       " must be a string, not " +
                                                       type_name(item.type()));
        }
    }
    return out;
}

std::vector<std::string>
TableReader::strings_of(std::string_view key, std::span<const std::string_view> known, Need need) {
    std::vector<std::string> out;
    const toml::array* items = array(key, need);
    for (const std::string& item : strings(key, need)) {
        if (std::ranges::find(known, item) != known.end()) {
            out.push_back(item);
            continue;
        }
        // The entry's own position, so that the error points at the misspelt name.
        const auto entry = std::ranges::find_if(
            *items, [&](const toml::node& node) { return node.value_or(std::string{}) == item; });
        out_.error(position_of(entry->source()),
                   "unknown entry '" + item + "' in " + field(key) + "; expected one of: " +
                       join(std::vector<std::string>(known.begin(), known.end())));
    }
    return out;
}

std::optional<std::string> TableReader::identifier(std::string_view key, Need need) {
    std::optional<std::string> value = string(key, need);
    if (value && !value->empty() && !is_identifier(*value)) {
        error(key, not_an_identifier(*value, field(key)));
        return std::nullopt;
    }
    return value;
}

bool is_identifier(std::string_view name) {
    return !name.empty() && std::ranges::all_of(name, [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_';
    });
}

std::string not_an_identifier(std::string_view name, const std::string& where) {
    std::string shown;
    for (const char c : name) {
        shown += c == '\n' ? std::string("\\n") : std::string(1, c);
    }
    return where + " is '" + shown +
           "'; a name may hold only letters, digits, '-' and '_' (it names files and lines)";
}

const toml::table* TableReader::table(std::string_view key, Need need) {
    return typed<toml::table>(key, need, "a table");
}

std::optional<TableReader> TableReader::subtable(std::string_view key, std::string what,
                                                 Need need) {
    const toml::table* found = table(key, need);
    if (found == nullptr) {
        return std::nullopt;
    }
    return TableReader(*found, std::move(what), out_);
}

const toml::array* TableReader::array(std::string_view key, Need need) {
    return typed<toml::array>(key, need, "an array");
}

std::vector<const toml::table*> TableReader::tables(std::string_view key, Need need) {
    std::vector<const toml::table*> out;
    const toml::array* items = array(key, need);
    if (items == nullptr) {
        return out;
    }
    for (const toml::node& item : *items) {
        if (const auto* t = item.as_table()) {
            out.push_back(t);
        } else {
            out_.error(position_of(item.source()), "each entry of " + field(key) +
                                                       " must be a table, not " +
                                                       type_name(item.type()));
        }
    }
    return out;
}

std::optional<std::size_t> TableReader::choice(std::string_view key,
                                               std::vector<std::string_view> names, Need need) {
    const std::optional<std::string> value = string(key, need);
    if (!value || (value->empty() && need == Need::required)) {
        return std::nullopt; // reported by string()
    }
    const auto it = std::ranges::find(names, *value);
    if (it == names.end()) {
        error(key, "unknown " + std::string(key) + " '" + *value + "' in " + what_ +
                       "; expected one of: " +
                       join(std::vector<std::string>(names.begin(), names.end())));
        return std::nullopt;
    }
    return static_cast<std::size_t>(it - names.begin());
}

void TableReader::reject_unknown_fields() {
    for (const auto& [key, value] : table_) {
        if (std::ranges::find(allowed_, key.str()) == allowed_.end()) {
            out_.error(position_of(key.source()), "unknown field '" + std::string(key.str()) +
                                                      "' in " + what_ +
                                                      "; allowed fields: " + join(allowed_));
        }
    }
}

} // namespace fobrig::toml_reading
