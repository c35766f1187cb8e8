#include "rig/web/static_files.hpp"

#include <fstream>
#include <sstream>

namespace fobrig {
namespace {

std::string_view media_type_of(const std::filesystem::path& file) {
    const std::string extension = file.extension().string();
    if (extension == ".html") {
        return "text/html; charset=utf-8";
    }
    if (extension == ".js") {
        return "text/javascript; charset=utf-8";
    }
    if (extension == ".css") {
        return "text/css; charset=utf-8";
    }
    if (extension == ".svg") {
        return "image/svg+xml";
    }
    return "application/octet-stream";
}

// A name of letters, digits, '-', '_' and '.', not starting with '.': one file in the folder.
bool plain_name(std::string_view name) {
    if (name.empty() || name.front() == '.' || name.size() > 100) {
        return false;
    }
    for (const char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
        if (!ok) {
            return false;
        }
    }
    return true;
}

} // namespace

StaticFiles::StaticFiles(std::filesystem::path folder) {
    std::error_code error;
    folder_ = std::filesystem::canonical(folder, error);
    if (error) {
        folder_ = std::move(folder);
    }
}

std::optional<StaticFile> StaticFiles::find(std::string_view url_path) const {
    if (url_path.empty() || url_path.front() != '/') {
        return std::nullopt;
    }
    const std::string_view name = url_path == "/" ? "index.html" : url_path.substr(1);
    if (!plain_name(name)) {
        return std::nullopt;
    }
    std::error_code error;
    const std::filesystem::path file = std::filesystem::canonical(folder_ / name, error);
    // A link that leads out of the folder is not served either.
    if (error || file.parent_path() != folder_ || !std::filesystem::is_regular_file(file)) {
        return std::nullopt;
    }
    std::ifstream in(file, std::ios::binary);
    std::ostringstream body;
    body << in.rdbuf();
    if (!in) {
        return std::nullopt;
    }
    return StaticFile{body.str(), media_type_of(file)};
}

} // namespace fobrig
