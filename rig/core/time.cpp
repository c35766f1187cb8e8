#include "rig/core/time.hpp"

#include <cmath>
#include <cstdio>

namespace fobrig {

double to_seconds(Duration d) {
    return std::chrono::duration<double>(d).count();
}

std::string duration_text(Duration d) {
    char text[32];
    std::snprintf(text, sizeof text, "%g s", std::round(to_seconds(d) * 10.0) / 10.0);
    return text;
}

std::string ms_precise_text(Duration d) {
    char text[32];
    std::snprintf(text, sizeof text, "%g ms", std::chrono::duration<double, std::milli>(d).count());
    return text;
}

} // namespace fobrig
