#include "rig/core/edge_name.hpp"

#include <algorithm>
#include <stdexcept>

namespace fobrig {

EdgeName::EdgeName(std::string_view name) {
    if (!fits_edge_name(name)) {
        throw std::length_error("the name '" + std::string(name) + "' is longer than " +
                                std::to_string(capacity) + " characters");
    }
    std::ranges::copy(name, chars_.begin());
    size_ = static_cast<std::uint8_t>(name.size());
}

} // namespace fobrig
