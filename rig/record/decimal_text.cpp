// Integer rounding and formatting of durations for every table and file of a run.
#include "rig/record/decimal_text.hpp"

namespace fobrig {

std::int64_t rounded_count(Duration d, Duration unit) {
    const std::int64_t quotient = d.count() / unit.count();
    const std::int64_t remainder = d.count() % unit.count(); // carries the sign of d
    const std::int64_t magnitude = remainder < 0 ? -remainder : remainder;
    if (2 * magnitude < unit.count()) {
        return quotient;
    }
    return d.count() < 0 ? quotient - 1 : quotient + 1;
}

std::string decimal_text(Duration d, Duration unit, int decimals) {
    std::int64_t scale = 1;
    for (int i = 0; i < decimals; ++i) {
        scale *= 10;
    }
    const std::int64_t steps = rounded_count(d, unit / scale);
    const std::uint64_t magnitude =
        steps < 0 ? 0 - static_cast<std::uint64_t>(steps) : static_cast<std::uint64_t>(steps);
    const auto unsigned_scale = static_cast<std::uint64_t>(scale);
    std::string text = steps < 0 ? "-" : "";
    text += std::to_string(magnitude / unsigned_scale);
    if (decimals > 0) {
        const std::string fraction = std::to_string(magnitude % unsigned_scale);
        text += '.';
        text.append(static_cast<std::size_t>(decimals) - fraction.size(), '0');
        text += fraction;
    }
    return text;
}

} // namespace fobrig
