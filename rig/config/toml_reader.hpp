// Typed, position-aware reading of TOML tables for the loaders: each getter checks one field
// kind and turns every problem into a Diagnostic at the field's line. Internal to fobrig_config.
#pragma once

#include "rig/config/diagnostic.hpp"
#include "rig/config/load_result.hpp"
#include "rig/core/source_pos.hpp"
#include "rig/core/time.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <toml++/toml.h>

namespace fobrig::toml_reading {

SourcePos position_of(const toml::source_region& region);

// The diagnostics of one file.
class Diagnostics {
public:
    explicit Diagnostics(std::string file) : file_(std::move(file)) {}

    void error(SourcePos pos, std::string message);
    std::size_t count() const { return errors_.size(); }
    std::vector<Diagnostic> take() { return std::move(errors_); }

private:
    std::string file_;
    std::vector<Diagnostic> errors_;
};

// The document, or nothing with one diagnostic at toml++'s position of the syntax error.
std::optional<toml::table> parse_toml(std::string_view text, Diagnostics& out);

enum class Need { required, optional };

// Limits of a duration field, in the unit the field's name ends with.
struct DurationRule {
    Duration unit = milliseconds(1);
    bool zero_allowed = false;
    Duration max = std::chrono::minutes(10);          // beyond this a value is surely a typo
    std::string_view if_zero = "it must be positive"; // what to say of a 0 that is refused
    std::string_view if_over = "absurdly long";       // what to say of a value over max
};

// Reads the fields of one table; `what` names the table in messages ("step 'learn'").
// Every key asked for is an allowed field; reject_unknown_fields() reports the others.
class TableReader {
public:
    TableReader(const toml::table& table, std::string what, Diagnostics& out);

    void describe_as(std::string what) { what_ = std::move(what); }
    const std::string& what() const { return what_; }
    SourcePos pos() const;
    Diagnostics& diagnostics() { return out_; }

    // Required strings must not be empty either.
    std::optional<std::string> string(std::string_view key, Need need = Need::required);
    std::optional<std::int64_t> integer(std::string_view key, Need need, std::int64_t min,
                                        std::int64_t max);
    bool boolean(std::string_view key, bool fallback);
    std::optional<Duration> duration(std::string_view key, Need need, const DurationRule& rule);
    std::vector<std::string> strings(std::string_view key, Need need = Need::required);
    // Strings that must each be one of `known`; each other entry is reported at its position.
    std::vector<std::string> strings_of(std::string_view key,
                                        std::span<const std::string_view> known,
                                        Need need = Need::required);
    // A name that goes into files, messages and the record: letters, digits, '-' and '_'.
    std::optional<std::string> identifier(std::string_view key, Need need = Need::required);
    const toml::table* table(std::string_view key, Need need = Need::required);
    // A reader for the table `key`, which messages call `what`.
    std::optional<TableReader> subtable(std::string_view key, std::string what,
                                        Need need = Need::required);
    const toml::array* array(std::string_view key, Need need = Need::required);
    // An array whose every element is a table (an array of tables or of inline tables).
    std::vector<const toml::table*> tables(std::string_view key, Need need = Need::required);

    // One of `names`: its index, or nothing after reporting the value.
    std::optional<std::size_t> choice(std::string_view key, std::vector<std::string_view> names,
                                      Need need = Need::required);

    // A problem with the value of `key` (or with the table, if `key` is absent).
    void error(std::string_view key, const std::string& message);
    void reject_unknown_fields();

private:
    const toml::node* find(std::string_view key, Need need);
    template <class T> const auto* typed(std::string_view key, Need need, const char* type);
    std::string field(std::string_view key) const;

    const toml::table& table_;
    std::string what_;
    Diagnostics& out_;
    std::vector<std::string> allowed_;
};

// Whether `name` is a non-empty run of letters, digits, '-' and '_'.
bool is_identifier(std::string_view name);
// The message for a name that is not one: "'a/b' in 'id' of [procedure] may hold only ...".
std::string not_an_identifier(std::string_view name, const std::string& where);

// Parses `text` and has `read(root, value)` fill a T from the top-level table; the value is
// kept only if neither found a problem.
template <class T, class Read>
LoadResult<T> read_document(std::string_view text, std::string file_name, Read read) {
    Diagnostics out(std::move(file_name));
    T value;
    if (const std::optional<toml::table> document = parse_toml(text, out)) {
        TableReader root(*document, "the file", out);
        read(root, value);
        root.reject_unknown_fields();
    }
    return make_result(std::move(value), out.take());
}

} // namespace fobrig::toml_reading
