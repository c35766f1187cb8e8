// What loading a file gives: a value only when the file is entirely valid, and every problem
// found in it otherwise.
#pragma once

#include "rig/config/diagnostic.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fobrig {

template <class T> struct LoadResult {
    std::optional<T> value; // empty whenever `errors` is not: nothing runs from an invalid file
    std::vector<Diagnostic> errors;

    bool ok() const { return value.has_value() && errors.empty(); }
};

// Keeps `value` only if there are no errors, which are put in file order.
template <class T> LoadResult<T> make_result(T value, std::vector<Diagnostic> errors);

// No procedure, rig or config file comes near this; a bigger one is a mistake (or a trick) and
// is refused from its size alone, before a byte of it is read.
constexpr std::uintmax_t max_text_file_bytes = 1024 * 1024;

// The whole text of a file, or one diagnostic naming it if it cannot be read or is larger
// than max_text_file_bytes.
LoadResult<std::string> read_text_file(const std::filesystem::path& path);

// Reads `path` and hands its text to `parse`, naming the file in diagnostics as given.
template <class T>
LoadResult<T> load_file(const std::filesystem::path& path,
                        LoadResult<T> (*parse)(std::string_view text, std::string file_name)) {
    LoadResult<std::string> text = read_text_file(path);
    if (!text.ok()) {
        return {std::nullopt, std::move(text.errors)};
    }
    return parse(*text.value, path.string());
}

void sort_by_position(std::vector<Diagnostic>& errors);

template <class T> LoadResult<T> make_result(T value, std::vector<Diagnostic> errors) {
    sort_by_position(errors);
    if (!errors.empty()) {
        return {std::nullopt, std::move(errors)};
    }
    return {std::move(value), {}};
}

} // namespace fobrig
