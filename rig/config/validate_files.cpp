// Validation of any mix of procedure and rig files, for the command line and CI.
#include "rig/config/validate_files.hpp"

#include "rig/config/procedure_file.hpp"
#include "rig/config/rig_file.hpp"
#include "rig/config/toml_reader.hpp"
#include "rig/core/procedure_check.hpp"

namespace fobrig {
namespace {

struct Checked {
    std::string name;
    std::string kind;
    std::vector<Diagnostic> errors;
    std::optional<Procedure> procedure;
    std::optional<Rig> rig;
};

// Loads one file as whatever its top-level table says it is.
Checked check_file(const std::filesystem::path& path) {
    Checked file{.name = path.string()};
    LoadResult<std::string> text = read_text_file(path);
    if (!text.ok()) {
        file.errors = std::move(text.errors);
        return file;
    }
    toml_reading::Diagnostics syntax(file.name);
    const std::optional<toml::table> document = toml_reading::parse_toml(*text.value, syntax);
    if (!document) {
        file.errors = syntax.take();
    } else if (document->contains("procedure")) {
        file.kind = "procedure";
        LoadResult<Procedure> loaded = parse_procedure(*text.value, file.name);
        file.errors = std::move(loaded.errors);
        file.procedure = std::move(loaded.value);
    } else if (document->contains("rig")) {
        file.kind = "rig";
        LoadResult<Rig> loaded = parse_rig(*text.value, file.name);
        file.errors = std::move(loaded.errors);
        file.rig = std::move(loaded.value);
    } else {
        file.errors.push_back(
            {file.name, 0, 0, "neither a procedure file ([procedure]) nor a rig file ([rig])"});
    }
    return file;
}

void cross_check(Checked& procedure_file, const Checked& rig_file) {
    const Rig& rig = *rig_file.rig;
    for (const Problem& problem :
         check_procedure_against_rig(*procedure_file.procedure, rig, rig.slots)) {
        procedure_file.errors.push_back({procedure_file.name, problem.pos.line, problem.pos.column,
                                         problem.message + " (rig " + rig_file.name + ")"});
    }
}

} // namespace

std::vector<ValidatedFile> validated_files(const std::vector<std::filesystem::path>& files) {
    std::vector<Checked> checked;
    for (const std::filesystem::path& path : files) {
        checked.push_back(check_file(path));
    }
    for (Checked& procedure : checked) {
        for (const Checked& rig : checked) {
            if (procedure.procedure && rig.rig) {
                cross_check(procedure, rig);
            }
        }
    }
    std::vector<ValidatedFile> validated;
    for (Checked& file : checked) {
        sort_by_position(file.errors);
        validated.push_back(
            {.name = file.name, .kind = file.kind, .errors = std::move(file.errors)});
    }
    return validated;
}

int validate_files(const std::vector<std::filesystem::path>& files, std::ostream& out) {
    int status = 0;
    for (const ValidatedFile& file : validated_files(files)) {
        for (const Diagnostic& error : file.errors) {
            out << format(error) << '\n';
        }
        if (file.errors.empty()) {
            out << file.name << ": ok\n";
        } else {
            status = 1;
        }
    }
    return status;
}

} // namespace fobrig
