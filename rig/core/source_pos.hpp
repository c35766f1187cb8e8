// Where a value came from in its file, so that errors found later still name the line.
#pragma once

namespace fobrig {

struct SourcePos {
    int line = 0;
    int column = 0;
};

} // namespace fobrig
