// Reading files for the loaders and ordering their diagnostics.
#include "rig/config/load_result.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace fobrig {

LoadResult<std::string> read_text_file(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        const char* why = std::filesystem::exists(path, ec) ? "not a regular file" : "no such file";
        return {std::nullopt, {{path.string(), 0, 0, std::string("cannot read file: ") + why}}};
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) {
        return {std::nullopt, {{path.string(), 0, 0, "cannot read file"}}};
    }
    return {text.str(), {}};
}

void sort_by_position(std::vector<Diagnostic>& errors) {
    std::stable_sort(errors.begin(), errors.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.line, a.column) < std::tie(b.line, b.column);
    });
}

} // namespace fobrig
