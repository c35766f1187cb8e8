// Where the measured run thread and the control-socket load may run: anywhere (the default, as
// fobrigd runs today), or the run thread alone on a CPU of its own (--run-cpu), to tell
// contention for a CPU apart from run-to-run noise.
#pragma once

#include <optional>
#include <sched.h>
#include <string>

namespace fobrig::bench {

class Placement {
public:
    Placement() = default;
    // Throws std::invalid_argument when `cpu` is not one this process may use, or is its only one.
    explicit Placement(int cpu);

    std::string describe() const;

    // Pins the calling thread (the run thread, cyclictest's) to the run CPU, if there is one.
    void pin_run_thread() const;
    std::optional<int> run_cpu() const { return run_cpu_; }

    // While it lives, the calling thread, and so every thread and process it starts, keeps off
    // the run CPU; its own affinity is restored after.
    class OffRunCpu {
    public:
        explicit OffRunCpu(const Placement& placement);
        ~OffRunCpu();
        OffRunCpu(const OffRunCpu&) = delete;
        OffRunCpu& operator=(const OffRunCpu&) = delete;

    private:
        cpu_set_t saved_{};
        bool changed_ = false;
    };

private:
    std::optional<int> run_cpu_;
    cpu_set_t all_{}; // what the process may use
};

} // namespace fobrig::bench
