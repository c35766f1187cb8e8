// `fobrig validate FILE... [--json]`: procedure and rig files checked alone and against each
// other, before anything could run from them. Drives nothing, needs no daemon.
#pragma once

#include "rig/config/diagnostic.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <vector>

namespace fobrig {

// Prints "FILE:LINE:COL: error: ..." lines and "FILE: ok", or with `json` one document:
// {"ok": bool, "files": [{"file", "kind", "ok", "errors": [{"line", "column", "message"}]}]}.
// Returns exit_code::ok when every file is valid, exit_code::usage otherwise.
int validate_command(const std::vector<std::filesystem::path>& files, bool json);

// A file's errors as `validate --json` gives them: [{"line", "column", "message"}].
nlohmann::json errors_json(const std::vector<Diagnostic>& errors);

} // namespace fobrig
