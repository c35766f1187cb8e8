// `fobrig pin-map RIG [--svg]`: the rig's pin map (header pin, signal, role, part) as a Markdown
// table, or its wiring diagram as SVG; RIG is a file or a shipped rig's name. Drives nothing.
#pragma once

#include <filesystem>
#include <string>

namespace fobrig {

// Returns the process exit code (rig/cli/exit_codes.hpp).
// `json`: the rows as one JSON array instead of Markdown.
int pin_map_command(const std::string& rig, bool svg, bool json,
                    const std::filesystem::path& rigs_dir);

} // namespace fobrig
