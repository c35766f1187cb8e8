// An attribute is written in one go and closed, so that the kernel's refusal shows on close.
#include "sim/sysfs_file.hpp"

#include <fstream>
#include <stdexcept>

namespace fobrig::sim {

std::string read_attribute(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::string text;
    if (!std::getline(in, text)) {
        throw std::runtime_error("cannot read " + file.string());
    }
    return text;
}

void write_attribute(const std::filesystem::path& file, const std::string& text) {
    std::ofstream out(file);
    out << text;
    out.close();
    if (!out) {
        throw std::runtime_error("cannot write " + file.string());
    }
}

} // namespace fobrig::sim
