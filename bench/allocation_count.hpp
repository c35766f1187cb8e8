// Heap allocations made by the calling thread, counted by a replacement of the global
// operator new linked only into the benchmark and its test: the run's thread must allocate
// nothing between edges (an allocation may take a lock or a page fault).
#pragma once

#include <cstdint>

namespace fobrig::bench {

std::uint64_t allocations_on_this_thread() noexcept;

} // namespace fobrig::bench
