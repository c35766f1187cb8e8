// The Linux calls behind real-time setup, and the thread that runs a sequence under it.
#include "rig/platform/realtime.hpp"

#include <spdlog/spdlog.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <pthread.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <thread>

namespace fobrig::platform {

namespace {

int errno_of(int result) {
    return result == 0 ? 0 : errno;
}

void note_refusal(std::string& refused, const std::string& what, int error) {
    refused += (refused.empty() ? "" : "; ") + what + ": " + std::strerror(error);
}

} // namespace

RealtimeCalls linux_realtime_calls() {
    return {
        .set_fifo =
            [](int priority) {
                const sched_param param{.sched_priority = priority};
                return pthread_setschedparam(pthread_self(), SCHED_FIFO, &param);
            },
        .lock_memory = [] { return errno_of(mlockall(MCL_CURRENT | MCL_FUTURE)); },
        .minimise_timer_slack = [] { return errno_of(prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0)); },
    };
}

std::string RealtimeReport::summary() const {
    if (granted()) {
        return "SCHED_FIFO " + std::to_string(priority) + ", memory locked, timer slack 1 ns";
    }
    return "real-time scheduling not fully granted (" + refused +
           "): the run goes on, but edges may come late under load; run as root or give "
           "fobrig CAP_SYS_NICE and CAP_IPC_LOCK (e.g. LimitRTPRIO=99 and LimitMEMLOCK=infinity "
           "in its systemd unit)";
}

RealtimeReport make_realtime(const RealtimeOptions& options, const RealtimeCalls& calls) {
    RealtimeReport report{.priority = options.priority};
    const auto attempt = [&](bool& took, const std::string& what, int error) {
        took = error == 0;
        if (!took) {
            note_refusal(report.refused, what, error);
        }
    };
    attempt(report.fifo, "SCHED_FIFO " + std::to_string(options.priority),
            calls.set_fifo(options.priority));
    attempt(report.memory_locked, "mlockall", calls.lock_memory());
    attempt(report.timer_slack, "PR_SET_TIMERSLACK", calls.minimise_timer_slack());
    return report;
}

RealtimeReport run_on_realtime_thread(const RealtimeOptions& options,
                                      const std::function<void()>& work,
                                      const RealtimeCalls& calls) {
    RealtimeReport report;
    std::exception_ptr failure;
    std::thread thread([&] {
        try {
            report = make_realtime(options, calls);
            if (!report.granted()) {
                spdlog::warn("{}", report.summary());
            }
            work();
        } catch (...) {
            failure = std::current_exception();
        }
    });
    thread.join();
    if (failure) {
        std::rethrow_exception(failure);
    }
    return report;
}

} // namespace fobrig::platform
