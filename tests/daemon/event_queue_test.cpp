// The queue that carries a run's events from its thread to the control loop: every event
// pushed reaches the loop without anyone calling stop(), however the two threads interleave;
// and what the events say as JSON.
#include "rig/daemon/event_json.hpp"
#include "rig/daemon/event_observer.hpp"
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

// A counted step's progress on the control socket: the prompt carries its count, and each turn
// the rig counts is a `counted` event with `done` of `count`, which clients show as "5 of 8".
TEST(CountedEvent, ThePromptCarriesItsCountAndEachTurnIsTold) {
    std::vector<RunEvent> events;
    EventObserver observer([&](const RunEvent& event) { events.push_back(event); });
    const OperatorPrompt prompt{.step_id = "enter",
                                .text = "OFF to RUN 8 times within 8 s, ending in RUN",
                                .action = OperatorAction::ignition_cycle,
                                .count = 8};
    observer.prompted(prompt, Instant{});
    OperatorPrompt turned = prompt;
    turned.done = 5;
    observer.counted(turned, Instant{seconds(4)});
    EventJson json(TargetRecord{});
    ASSERT_EQ(events.size(), 2u);
    const nlohmann::json shown = json(events[0]);
    EXPECT_EQ(shown["event"], "prompt");
    EXPECT_EQ(shown["count"], 8);
    EXPECT_EQ(shown["done"], 0);
    const nlohmann::json counted = json(events[1]);
    EXPECT_EQ(counted["event"], "counted");
    EXPECT_EQ(counted["step"], "enter");
    EXPECT_EQ(counted["done"], 5);
    EXPECT_EQ(counted["count"], 8);
    EXPECT_EQ(count_progress(turned), "5 of 8");
}

} // namespace
} // namespace fobrig
