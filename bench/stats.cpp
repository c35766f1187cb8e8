// Nearest-rank percentiles: a reported p99 is an error some edge really had.
#include "bench/stats.hpp"

#include <algorithm>
#include <cmath>

namespace fobrig::bench {

Stats summarise(std::vector<double> errors_us) {
    Stats stats{.samples = errors_us.size()};
    if (errors_us.empty()) {
        return stats;
    }
    std::sort(errors_us.begin(), errors_us.end());
    const auto at = [&](double fraction) {
        const auto rank = static_cast<std::size_t>(std::ceil(fraction * errors_us.size()));
        return errors_us[std::clamp<std::size_t>(rank, 1, errors_us.size()) - 1];
    };
    stats.p50_us = at(0.50);
    stats.p99_us = at(0.99);
    stats.p999_us = at(0.999);
    stats.max_us = errors_us.back();
    stats.stalls = static_cast<std::size_t>(
        errors_us.end() - std::upper_bound(errors_us.begin(), errors_us.end(), stall_us));
    return stats;
}

} // namespace fobrig::bench
