// The queue that carries a run's events from its thread to the control loop: every event
// pushed reaches the loop without anyone calling stop(), however the two threads interleave.
#include "rig/daemon/event_queue.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include <atomic>
#include <thread>

namespace fobrig {
namespace {

TEST(EventQueue, EveryEventPushedReachesTheLoopWhileTheRunGoes) {
    boost::asio::io_context io;
    std::atomic<int> delivered = 0;
    EventQueue queue(io, [&](const RunEvent&) { ++delivered; });
    queue.start();
    constexpr int count = 200000;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    std::thread run([&] {
        for (int i = 0; i < count; ++i) {
            // Never more than half the queue's room ahead of the loop: none is dropped.
            while (i - delivered.load() > 4096 && std::chrono::steady_clock::now() < deadline) {
                std::this_thread::yield();
            }
            queue.push(SensedEdge{.attempt = i});
            if (i % 64 == 0) {
                std::this_thread::yield();
            }
        }
    });
    // Once the run's thread is done the loop must still be woken for what is left; a lost
    // wake-up leaves events in the queue until stop(), which a live follower never sees.
    while (delivered < count && std::chrono::steady_clock::now() < deadline) {
        io.run_one_for(std::chrono::milliseconds(50));
    }
    run.join();
    EXPECT_EQ(delivered, count);
    EXPECT_EQ(queue.stop(), 0u);
}

} // namespace
} // namespace fobrig
