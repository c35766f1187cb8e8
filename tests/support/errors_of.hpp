// A loader's diagnostics as the user reads them, FILE:LINE:COL: error: ..., for assertions.
#pragma once

#include "rig/config/load_result.hpp"

#include <string>
#include <vector>

namespace fobrig::testing {

template <class T> std::vector<std::string> errors_of(const LoadResult<T>& result) {
    std::vector<std::string> errors;
    for (const Diagnostic& error : result.errors) {
        errors.push_back(format(error));
    }
    return errors;
}

} // namespace fobrig::testing
