// `fobrig validate FILE...`: checks procedure and rig files, alone and against each other.
#pragma once

#include <filesystem>
#include <ostream>
#include <vector>

namespace fobrig {

// Tells each file's kind by its top-level table ([procedure] or [rig]) and validates it; when
// procedures and rigs are both given, checks each procedure against each rig with all its
// slots. Prints every diagnostic, one a line, and "FILE: ok" for each good file.
// Returns 0 if every file is valid, 1 otherwise.
int validate_files(const std::vector<std::filesystem::path>& files, std::ostream& out);

} // namespace fobrig
