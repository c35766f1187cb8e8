// What every loader promises whatever the bytes: a value only when there is no error (nothing
// runs from an invalid file), and every error with a message. A broken promise aborts, which
// libFuzzer reports as a crash with its input.
#pragma once

#include "rig/config/load_result.hpp"

#include <cstdlib>

namespace fobrig::fuzzing {

template <class T> void check_loaded(const LoadResult<T>& loaded) {
    if (loaded.value.has_value() == !loaded.errors.empty()) {
        std::abort();
    }
    for (const auto& error : loaded.errors) {
        if (error.message.empty() || format(error).empty()) {
            std::abort();
        }
    }
}

} // namespace fobrig::fuzzing
