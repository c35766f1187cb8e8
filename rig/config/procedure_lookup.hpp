// Finding a procedure or rig file from what the user typed: a path, or a shipped file's name.
#pragma once

#include <filesystem>
#include <string>

namespace fobrig {

// `name_or_path` if it is an existing file, else `procedures_dir`/NAME.toml. Throws
// std::runtime_error naming the available procedure ids when neither exists.
std::filesystem::path find_procedure(const std::string& name_or_path,
                                     const std::filesystem::path& procedures_dir);

// The same for a rig: a path, or a rig's name in `rigs_dir` ("sim-2", "pi4-2fob-relay").
std::filesystem::path find_rig(const std::string& name_or_path,
                               const std::filesystem::path& rigs_dir);

} // namespace fobrig
