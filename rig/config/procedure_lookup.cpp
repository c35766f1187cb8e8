// Procedure lookup by path or by id (the file's name in the procedures folder).
#include "rig/config/procedure_lookup.hpp"

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace fobrig {
namespace {

std::string available_ids(const std::filesystem::path& dir) {
    std::vector<std::string> ids;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        if (entry.path().extension() == ".toml") {
            ids.push_back(entry.path().stem().string());
        }
    }
    if (ids.empty()) {
        return "there are none in " + dir.string();
    }
    std::ranges::sort(ids);
    std::string text = "available: ";
    for (const std::string& id : ids) {
        text += (&id == &ids.front() ? "" : ", ") + id;
    }
    return text;
}

bool is_file(const std::filesystem::path& path) {
    std::error_code ec;
    return std::filesystem::is_regular_file(path, ec);
}

} // namespace

std::filesystem::path procedure_by_id(const std::string& id,
                                      const std::filesystem::path& procedures_dir) {
    const bool plain =
        !id.empty() && id.size() <= 100 && id.front() != '.' && std::ranges::all_of(id, [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                   c == '-' || c == '_' || c == '.';
        });
    if (!plain) {
        throw std::invalid_argument("'" + id.substr(0, 100) +
                                    "' is not a procedure id (letters, digits, '-', '_' and '.', "
                                    "at most 100): a procedure is named by its id, never by a "
                                    "path");
    }
    const std::filesystem::path path = procedures_dir / (id + ".toml");
    if (!is_file(path)) {
        throw std::runtime_error("no procedure '" + id + "' in " + procedures_dir.string() + " (" +
                                 available_ids(procedures_dir) + ")");
    }
    return path;
}

std::filesystem::path find_procedure(const std::string& name_or_path,
                                     const std::filesystem::path& procedures_dir) {
    if (is_file(name_or_path)) {
        return name_or_path;
    }
    const std::filesystem::path by_id = procedures_dir / (name_or_path + ".toml");
    if (!name_or_path.empty() && is_file(by_id)) {
        return by_id;
    }
    throw std::runtime_error("no procedure '" + name_or_path + "': it is neither a file nor a " +
                             "procedure id in " + procedures_dir.string() + " (" +
                             available_ids(procedures_dir) + ")");
}

} // namespace fobrig
