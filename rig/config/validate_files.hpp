// `fobrig validate FILE...`: checks procedure and rig files, alone and against each other.
#pragma once

#include "rig/config/diagnostic.hpp"

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

namespace fobrig {

struct ValidatedFile {
    std::string name;
    std::string kind;               // "procedure", "rig", or empty when it could not be told
    std::vector<Diagnostic> errors; // in line order; none: the file is valid
};

// What validate_files() prints, as data (for `--json`).
std::vector<ValidatedFile> validated_files(const std::vector<std::filesystem::path>& files);

// Tells each file's kind by its top-level table ([procedure] or [rig]) and validates it; when
// procedures and rigs are both given, checks each procedure against each rig with all its
// slots. Prints every diagnostic, one a line, and "FILE: ok" for each good file.
// Returns 0 if every file is valid, 1 otherwise.
int validate_files(const std::vector<std::filesystem::path>& files, std::ostream& out);

} // namespace fobrig
