// The web page's token: what a browser must show before it may change anything on a listener
// other than loopback. Made once, kept in the state folder readable by the daemon's user only.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace fobrig {

// The token in STATE/http-token, made (32 random bytes as hex, mode 0600) when absent. Throws
// std::runtime_error naming the file when it can be neither read nor made.
std::string load_or_make_web_token(const std::filesystem::path& state_dir);

// Compares in time independent of where the texts differ.
bool same_token(std::string_view expected, std::string_view given);

} // namespace fobrig
