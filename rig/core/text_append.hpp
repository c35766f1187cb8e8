// Texts the run's thread writes (a failed check's reason, why an attempt stopped) go into strings
// whose room was made before the run, appended piece by piece: `a + b` would make a new string at
// each step. While a text fits its room, writing it allocates nothing; a longer one grows its
// string, an allocation, never a fault.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace fobrig {

// The room made for each such text: the longest reasons (every fob's failure at an attempt)
// stay well within it.
inline constexpr std::size_t text_capacity = 1024;

template <class... Pieces> void append(std::string& text, const Pieces&... pieces) {
    (text.append(std::string_view(pieces)), ...);
}

template <class... Pieces> void set_text(std::string& text, const Pieces&... pieces) {
    text.clear();
    append(text, pieces...);
}

} // namespace fobrig
