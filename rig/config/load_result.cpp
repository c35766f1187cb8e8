// Reading files for the loaders and ordering their diagnostics.
#include "rig/config/load_result.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

namespace fobrig {

LoadResult<std::string> read_text_file(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        const char* why = std::filesystem::exists(path, ec) ? "not a regular file" : "no such file";
        return {std::nullopt, {{path.string(), 0, 0, std::string("cannot read file: ") + why}}};
    }
    const std::uintmax_t size = std::filesystem::file_size(path, ec);
    if (!ec && size > max_text_file_bytes) {
        return {std::nullopt,
                {{path.string(), 0, 0,
                  "the file is " + std::to_string(size) + " bytes; at most " +
                      std::to_string(max_text_file_bytes) + " are read"}}};
    }
    std::ifstream in(path, std::ios::binary);
    if (!in.is_open()) {
        // Out of descriptors, say, or no permission: the reason is what the user can act on.
        return {std::nullopt,
                {{path.string(), 0, 0, std::string("cannot read file: ") + std::strerror(errno)}}};
    }
    // At most one byte past the cap, in case the file grew since its size was read.
    std::string text(max_text_file_bytes + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (in.bad() || (!in && !in.eof())) {
        return {std::nullopt, {{path.string(), 0, 0, "cannot read file"}}};
    }
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (text.size() > max_text_file_bytes) {
        return {std::nullopt,
                {{path.string(), 0, 0,
                  "the file grew past " + std::to_string(max_text_file_bytes) +
                      " bytes while it was read"}}};
    }
    return {std::move(text), {}};
}

void sort_by_position(std::vector<Diagnostic>& errors) {
    std::stable_sort(errors.begin(), errors.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.line, a.column) < std::tie(b.line, b.column);
    });
}

} // namespace fobrig
