// sched_setaffinity on the calling thread: threads and processes started from it inherit it.
#include "bench/placement.hpp"

#include <cerrno>
#include <stdexcept>
#include <system_error>

namespace fobrig::bench {

namespace {

void set_affinity(const cpu_set_t& cpus) {
    if (sched_setaffinity(0, sizeof cpus, &cpus) != 0) {
        throw std::system_error(errno, std::generic_category(), "sched_setaffinity");
    }
}

} // namespace

Placement::Placement(int cpu) : run_cpu_(cpu) {
    sched_getaffinity(0, sizeof all_, &all_);
    if (cpu < 0 || cpu >= CPU_SETSIZE || !CPU_ISSET(cpu, &all_) || CPU_COUNT(&all_) < 2) {
        throw std::invalid_argument("--run-cpu " + std::to_string(cpu) +
                                    ": needs a CPU this process may use, and another for the load");
    }
}

std::string Placement::describe() const {
    if (!run_cpu_) {
        return "run thread and load on any CPU";
    }
    return "run thread alone on CPU " + std::to_string(*run_cpu_) +
           ", fobrigd and its clients on the others";
}

void Placement::pin_run_thread() const {
    if (run_cpu_) {
        cpu_set_t one;
        CPU_ZERO(&one);
        CPU_SET(*run_cpu_, &one);
        set_affinity(one);
    }
}

Placement::OffRunCpu::OffRunCpu(const Placement& placement) {
    if (!placement.run_cpu_) {
        return;
    }
    sched_getaffinity(0, sizeof saved_, &saved_);
    cpu_set_t others = placement.all_;
    CPU_CLR(*placement.run_cpu_, &others);
    set_affinity(others);
    changed_ = true;
}

Placement::OffRunCpu::~OffRunCpu() {
    if (changed_) {
        sched_setaffinity(0, sizeof saved_, &saved_);
    }
}

} // namespace fobrig::bench
