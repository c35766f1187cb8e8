// Real-time setup with the system calls injected: what is granted, the fallback, the thread.
#include "rig/platform/realtime.hpp"

#include <gtest/gtest.h>

#include <cerrno>
#include <stdexcept>
#include <thread>

namespace fobrig::platform {
namespace {

RealtimeCalls granting(int* fifo_priority = nullptr) {
    return {.set_fifo =
                [fifo_priority](int priority) {
                    if (fifo_priority) {
                        *fifo_priority = priority;
                    }
                    return 0;
                },
            .lock_memory = [] { return 0; },
            .minimise_timer_slack = [] { return 0; }};
}

RealtimeCalls refusing_fifo() {
    RealtimeCalls calls = granting();
    calls.set_fifo = [](int) { return EPERM; };
    return calls;
}

TEST(RealtimeTest, EverythingGrantedAtTheRequestedPriority) {
    int priority = 0;
    const RealtimeReport report = make_realtime({.priority = 70}, granting(&priority));
    EXPECT_EQ(priority, 70);
    EXPECT_TRUE(report.granted());
    EXPECT_EQ(report.summary(), "SCHED_FIFO 70, memory locked, timer slack 1 ns");
    EXPECT_TRUE(report.record().granted);
}

TEST(RealtimeTest, WithoutPrivilegeTheRestIsStillSetAndTheWarningSaysWhy) {
    const RealtimeReport report = make_realtime({.priority = 80}, refusing_fifo());
    EXPECT_FALSE(report.fifo);
    EXPECT_TRUE(report.memory_locked);
    EXPECT_TRUE(report.timer_slack);
    EXPECT_FALSE(report.granted());
    const std::string warning = report.summary();
    EXPECT_NE(warning.find("SCHED_FIFO 80: Operation not permitted"), std::string::npos);
    EXPECT_NE(warning.find("the run goes on"), std::string::npos);
    EXPECT_EQ(warning.find('\n'), std::string::npos);
    EXPECT_FALSE(report.record().granted);
    EXPECT_EQ(report.record().detail, warning);
}

TEST(RealtimeTest, EveryRefusalIsNamed) {
    RealtimeCalls calls = refusing_fifo();
    calls.lock_memory = [] { return ENOMEM; };
    const RealtimeReport report = make_realtime({}, calls);
    EXPECT_EQ(report.refused,
              "SCHED_FIFO 80: Operation not permitted; mlockall: Cannot allocate memory");
}

TEST(RealtimeTest, TheWorkRunsOnItsOwnThreadEvenWhenRefused) {
    const auto caller = std::this_thread::get_id();
    std::thread::id worker;
    const RealtimeReport report = run_on_realtime_thread(
        {}, [&] { worker = std::this_thread::get_id(); }, refusing_fifo());
    EXPECT_NE(worker, std::thread::id{});
    EXPECT_NE(worker, caller);
    EXPECT_FALSE(report.granted());
}

TEST(RealtimeTest, WhatTheWorkThrowsReachesTheCaller) {
    EXPECT_THROW(run_on_realtime_thread(
                     {}, [] { throw std::runtime_error("relay board"); }, granting()),
                 std::runtime_error);
}

} // namespace
} // namespace fobrig::platform
