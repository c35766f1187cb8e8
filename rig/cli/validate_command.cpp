#include "rig/cli/validate_command.hpp"

#include "rig/cli/exit_codes.hpp"
#include "rig/config/validate_files.hpp"

#include <nlohmann/json.hpp>

#include <iostream>

namespace fobrig {

nlohmann::json errors_json(const std::vector<Diagnostic>& errors) {
    nlohmann::json listed = nlohmann::json::array();
    for (const Diagnostic& error : errors) {
        listed.push_back(
            {{"line", error.line}, {"column", error.column}, {"message", error.message}});
    }
    return listed;
}

int validate_command(const std::vector<std::filesystem::path>& files, bool json) {
    if (!json) {
        return validate_files(files, std::cout) == 0 ? exit_code::ok : exit_code::usage;
    }
    nlohmann::json listed = nlohmann::json::array();
    bool all_ok = true;
    for (const ValidatedFile& file : validated_files(files)) {
        all_ok = all_ok && file.errors.empty();
        listed.push_back({{"file", file.name},
                          {"kind", file.kind},
                          {"ok", file.errors.empty()},
                          {"errors", errors_json(file.errors)}});
    }
    std::cout << nlohmann::json{{"ok", all_ok}, {"files", std::move(listed)}}.dump(2) << '\n';
    return all_ok ? exit_code::ok : exit_code::usage;
}

} // namespace fobrig
