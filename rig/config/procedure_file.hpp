// Loading a procedure file (config/procedures/*.toml) into the model, with every problem in it.
#pragma once

#include "rig/config/load_result.hpp"
#include "rig/core/procedure.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace fobrig {

LoadResult<Procedure> load_procedure_file(const std::filesystem::path& path);

// `file_name` is what diagnostics call the text.
LoadResult<Procedure> parse_procedure(std::string_view text, std::string file_name);

} // namespace fobrig
