// The texts a run's events carry (a check's or an attempt's reason, a prompt) reach the control
// loop whole, however long, after the run's own text has changed or gone; when the loop falls
// behind and the queue's room for texts is full, events are dropped whole and counted, and a
// client never reads a cut text.
#include "rig/daemon/event_json.hpp"
#include "rig/daemon/event_observer.hpp"
#include "rig/daemon/event_queue.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include <string>
#include <vector>

namespace fobrig {
namespace {

// A reason of `length` characters that says which attempt it was.
std::string reason(int number, std::size_t length) {
    std::string text = "attempt " + std::to_string(number) + ": ";
    text.resize(length, static_cast<char>('a' + number % 26));
    return text;
}

struct FollowedQueue {
    boost::asio::io_context io;
    EventJson json{TargetRecord{}};
    std::vector<nlohmann::json> delivered;
    EventQueue queue{io, [this](const RunEvent& event) { delivered.push_back(json(event)); }};
    EventObserver observer{[this](const RunEvent& event) { queue.push(event); }};

    FollowedQueue() { queue.start(); }
    // As the run's thread does: the record's text is rewritten for the next attempt.
    void attempt_ended(int number, std::size_t length) {
        AttemptRecord record{.number = number, .passed = false, .reason = reason(number, length)};
        observer.attempt_ended(record);
        record.reason.assign(length, '#');
    }
};

TEST(EventTexts, ALongReasonReachesTheLoopWholeAfterTheRunsOwnTextChanged) {
    FollowedQueue followed;
    followed.attempt_ended(1, 5000);
    followed.attempt_ended(2, 0);
    EXPECT_EQ(followed.queue.stop(), 0u);
    ASSERT_EQ(followed.delivered.size(), 2u);
    EXPECT_EQ(followed.delivered[0]["reason"], reason(1, 5000));
    EXPECT_EQ(followed.delivered[1]["reason"], "");
}

TEST(EventTexts, TextsKeepComingWholeLongAfterTheirRoomWasFirstUsedUp) {
    // Some 6 MB of reasons in all, read by the loop as the run goes: the room for texts is
    // written over several times, texts that would run past its end start again at its start.
    FollowedQueue followed;
    int number = 0;
    for (int batch = 0; batch < 60; ++batch) {
        for (int i = 0; i < 100; ++i) {
            ++number;
            followed.attempt_ended(number, 700 + static_cast<std::size_t>(number % 997));
        }
        followed.io.poll();
        followed.io.restart();
    }
    EXPECT_EQ(followed.queue.stop(), 0u);
    ASSERT_EQ(followed.delivered.size(), static_cast<std::size_t>(number));
    for (int n = 1; n <= number; ++n) {
        ASSERT_EQ(followed.delivered[static_cast<std::size_t>(n - 1)]["reason"],
                  reason(n, 700 + static_cast<std::size_t>(n % 997)))
            << "attempt " << n;
    }
}

TEST(EventTexts, ALoopThatFallsBehindLosesWholeEventsNeverPartOfATextAndCountsThem) {
    FollowedQueue followed;
    // 4 MB of reasons while the loop reads nothing: more than the room for texts.
    constexpr int pushed = 2000;
    for (int n = 1; n <= pushed; ++n) {
        followed.attempt_ended(n, 2000);
    }
    const std::uint64_t dropped = followed.queue.stop();
    EXPECT_GT(dropped, 0u);
    ASSERT_EQ(followed.delivered.size() + dropped, static_cast<std::size_t>(pushed));
    for (const nlohmann::json& event : followed.delivered) {
        const int number = event["attempt"];
        EXPECT_EQ(event["reason"], reason(number, 2000));
    }
    // With room again, the next run's texts come through.
    followed.queue.start();
    followed.attempt_ended(pushed + 1, 2000);
    EXPECT_EQ(followed.queue.stop(), 0u);
    EXPECT_EQ(followed.delivered.back()["reason"], reason(pushed + 1, 2000));
}

} // namespace
} // namespace fobrig
