// Formatting diagnostics gcc-style.
#include "rig/config/diagnostic.hpp"

namespace fobrig {

std::string format(const Diagnostic& diagnostic) {
    std::string where = diagnostic.file;
    if (diagnostic.line > 0) {
        where += ':' + std::to_string(diagnostic.line) + ':' + std::to_string(diagnostic.column);
    }
    return where + ": error: " + diagnostic.message;
}

} // namespace fobrig
