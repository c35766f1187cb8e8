// The page's static files, installed with the program: a URL path maps to a file in that
// folder only, never elsewhere (no "..", no hidden files, no links out of it).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace fobrig {

struct StaticFile {
    std::string body;
    std::string_view media_type;
};

class StaticFiles {
public:
    explicit StaticFiles(std::filesystem::path folder);

    // "/" is index.html; "/app.js" is folder/app.js. Nothing for any other path.
    std::optional<StaticFile> find(std::string_view url_path) const;

private:
    std::filesystem::path folder_; // canonical
};

} // namespace fobrig
