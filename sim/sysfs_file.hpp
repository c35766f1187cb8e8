// Kernel attribute files (configfs, sysfs) read and written as one short line of text.
#pragma once

#include <filesystem>
#include <string>

namespace fobrig::sim {

// The file's first line; throws std::runtime_error naming it when it cannot be read.
std::string read_attribute(const std::filesystem::path& file);
// Throws std::runtime_error naming the file when the kernel refuses the write.
void write_attribute(const std::filesystem::path& file, const std::string& text);

} // namespace fobrig::sim
