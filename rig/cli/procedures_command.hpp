// `fobrig procedures`: the installed procedures and the cars they are for (id, make, models,
// years, key types, max keys), from the folder runs name them in. Drives nothing.
#pragma once

#include <filesystem>

namespace fobrig {

struct ProceduresOptions {
    std::filesystem::path dir;         // --dir: this folder instead
    std::filesystem::path config_file; // fobrigd's config: its `procedures` folder, if set
    std::filesystem::path shipped;     // else the shipped procedures
    bool json = false;
};

// Returns the process exit code (rig/cli/exit_codes.hpp): 0, or 2 when the folder cannot be
// read, the config is invalid, or a procedure file in it is invalid (each error printed as
// FILE:LINE:COL on stderr, and with --json listed under "invalid"; the valid ones are still
// listed).
int procedures_command(const ProceduresOptions& options);

} // namespace fobrig
