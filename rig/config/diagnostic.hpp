// One problem found in a procedure or rig file, printed the way gcc prints errors so that
// editors and CI logs can jump to the line.
#pragma once

#include <string>

namespace fobrig {

struct Diagnostic {
    std::string file;
    int line = 0; // 0: about the whole file (it cannot be read, or is of no known kind)
    int column = 0;
    std::string message;
};

// "FILE:LINE:COL: error: MESSAGE", or "FILE: error: MESSAGE" when there is no line.
std::string format(const Diagnostic& diagnostic);

} // namespace fobrig
