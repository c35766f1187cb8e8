#include "rig/record/utc_text.hpp"

#include <ctime>

namespace fobrig {

std::string utc_text(std::chrono::system_clock::time_point time, const char* format) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[64];
    const std::size_t length = std::strftime(text, sizeof text, format, &utc);
    return std::string(text, length);
}

std::string iso_utc(std::chrono::system_clock::time_point time) {
    return utc_text(time, "%Y-%m-%dT%H:%M:%SZ");
}

} // namespace fobrig
