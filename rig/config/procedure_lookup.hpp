// Finding a procedure file from what the user typed: a path, or a procedure's id.
#pragma once

#include <filesystem>
#include <string>

namespace fobrig {

// `name_or_path` if it is an existing file, else `procedures_dir`/NAME.toml. Throws
// std::runtime_error naming the available procedure ids when neither exists.
std::filesystem::path find_procedure(const std::string& name_or_path,
                                     const std::filesystem::path& procedures_dir);

// `procedures_dir`/ID.toml, for an id that comes from someone who may not name files: a plain
// name (letters, digits, '-', '_', '.', not starting with '.'), never a path. Throws
// std::invalid_argument when `id` is not such a name, std::runtime_error naming the available
// ids when there is no such procedure.
std::filesystem::path procedure_by_id(const std::string& id,
                                      const std::filesystem::path& procedures_dir);

} // namespace fobrig
