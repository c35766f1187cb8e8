// A loaded file for a command line program: every problem printed as FILE:LINE:COL on stderr, the
// value only when there was none.
#pragma once

#include "rig/config/load_result.hpp"

#include <iostream>
#include <optional>

namespace fobrig {

template <class T> std::optional<T> reported(LoadResult<T> result) {
    for (const auto& error : result.errors) {
        std::cerr << format(error) << '\n';
    }
    return std::move(result.value);
}

} // namespace fobrig
