// Loading a rig file (config/rigs/*.toml) into the model, with every problem in it.
#pragma once

#include "rig/config/load_result.hpp"
#include "rig/core/rig_wiring.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace fobrig {

LoadResult<Rig> load_rig_file(const std::filesystem::path& path);

// `file_name` is what diagnostics call the text.
LoadResult<Rig> parse_rig(std::string_view text, std::string file_name);

} // namespace fobrig
