// Finding a procedure file from what the user typed: a path, or a procedure's id.
#pragma once

#include <filesystem>
#include <string>

namespace fobrig {

// `name_or_path` if it is an existing file, else `procedures_dir`/NAME.toml. Throws
// std::runtime_error naming the available procedure ids when neither exists.
std::filesystem::path find_procedure(const std::string& name_or_path,
                                     const std::filesystem::path& procedures_dir);

} // namespace fobrig
