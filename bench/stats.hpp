// Edge errors summarised the way the benchmark reports them: percentiles and stalls in us.
#pragma once

#include <cstddef>
#include <vector>

namespace fobrig::bench {

// Beyond this an edge is a stall, counted apart: a host that stops the VM, not the method.
constexpr double stall_us = 1000.0;

struct Stats {
    std::size_t samples = 0;
    double p50_us = 0;
    double p99_us = 0;
    double p999_us = 0;
    double max_us = 0;
    std::size_t stalls = 0; // samples over stall_us
};

// Nearest-rank percentiles over every sample (each an edge's error in microseconds).
Stats summarise(std::vector<double> errors_us);

} // namespace fobrig::bench
