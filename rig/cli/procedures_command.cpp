// The folder is the one a run would name a procedure in: fobrigd's config decides for the
// daemon, the shipped folder otherwise, as for `fobrig program ID --local`.
#include "rig/cli/procedures_command.hpp"

#include "rig/cli/exit_codes.hpp"
#include "rig/cli/validate_command.hpp"
#include "rig/config/daemon_config_file.hpp"
#include "rig/config/procedure_file.hpp"
#include "rig/config/reported.hpp"
#include "rig/record/text_table.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>
#include <vector>

namespace fobrig {
namespace {

std::string joined(const std::vector<std::string>& items) {
    std::string text;
    for (const std::string& item : items) {
        text += (text.empty() ? "" : ", ") + item;
    }
    return text;
}

std::string years_text(const Applicability& applies) {
    return applies.year_from == applies.year_to
               ? std::to_string(applies.year_from)
               : std::to_string(applies.year_from) + "-" + std::to_string(applies.year_to);
}

std::string max_keys_text(int max_keys) {
    return max_keys > 0 ? std::to_string(max_keys) : "unknown";
}

nlohmann::json as_json(const Procedure& procedure, const std::filesystem::path& file) {
    const Applicability& applies = procedure.applies_to;
    return {{"id", procedure.id},
            {"name", procedure.name},
            {"file", file.string()},
            {"make", applies.make},
            {"models", applies.models},
            {"years", {applies.year_from, applies.year_to}},
            {"key_types", applies.key_types},
            {"max_keys", applies.max_keys > 0 ? nlohmann::json(applies.max_keys) : nullptr},
            {"key_table", name_of(applies.key_table)}};
}

// The folder, or nothing after saying why on stderr.
std::optional<std::filesystem::path> procedures_dir(const ProceduresOptions& options) {
    if (!options.dir.empty()) {
        return options.dir;
    }
    const auto config = reported(load_daemon_config(options.config_file, {}, false));
    if (!config) {
        return std::nullopt;
    }
    return config->procedures.empty() ? options.shipped : config->procedures;
}

} // namespace

int procedures_command(const ProceduresOptions& options) {
    const auto dir = procedures_dir(options);
    if (!dir) {
        return exit_code::usage;
    }
    std::vector<std::filesystem::path> files;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(*dir, error)) {
        if (entry.path().extension() == ".toml") {
            files.push_back(entry.path());
        }
    }
    if (error) {
        std::cerr << "fobrig: cannot read the procedures folder " << dir->string() << ": "
                  << error.message() << '\n';
        return exit_code::usage;
    }
    std::ranges::sort(files);
    std::vector<std::pair<Procedure, std::filesystem::path>> procedures;
    nlohmann::json invalid = nlohmann::json::array();
    for (const auto& file : files) {
        LoadResult<Procedure> loaded = load_procedure_file(file);
        if (loaded.ok()) {
            procedures.emplace_back(std::move(*loaded.value), file);
            continue;
        }
        for (const Diagnostic& error : loaded.errors) {
            std::cerr << format(error) << '\n';
        }
        invalid.push_back({{"file", file.string()}, {"errors", errors_json(loaded.errors)}});
    }
    const int status = invalid.empty() ? exit_code::ok : exit_code::usage;
    if (options.json) {
        nlohmann::json listed = nlohmann::json::array();
        for (const auto& [procedure, file] : procedures) {
            listed.push_back(as_json(procedure, file));
        }
        std::cout << nlohmann::json{{"folder", dir->string()},
                                    {"procedures", std::move(listed)},
                                    {"invalid", std::move(invalid)}}
                         .dump(2)
                  << '\n';
        return status;
    }
    std::cout << "procedures in " << dir->string() << ":\n";
    if (procedures.empty()) {
        std::cout << "none\n";
    }
    TextTable table({{"id"},
                     {"make"},
                     {"models"},
                     {"years"},
                     {"key types"},
                     {"max keys", Align::right},
                     {"key table"}});
    for (const auto& [procedure, file] : procedures) {
        const Applicability& applies = procedure.applies_to;
        table.add_row({procedure.id, applies.make, joined(applies.models), years_text(applies),
                       joined(applies.key_types), max_keys_text(applies.max_keys),
                       std::string(name_of(applies.key_table))});
    }
    if (!procedures.empty()) {
        std::cout << table.str();
    }
    return status;
}

} // namespace fobrig
