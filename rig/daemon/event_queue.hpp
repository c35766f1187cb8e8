// Carries a run's events from its thread to the control loop without a lock: the run's thread
// pushes into a fixed-size single-producer queue and never waits; the control loop drains it
// on a short timer. A full queue drops the event (and counts it) rather than delay an edge.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/lockfree/spsc_queue.hpp>
#include <nlohmann/json.hpp>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>

namespace fobrig {

class EventQueue {
public:
    using Deliver = std::function<void(const nlohmann::json&)>;

    EventQueue(boost::asio::io_context& io, Deliver deliver);
    ~EventQueue();
    EventQueue(const EventQueue&) = delete;
    EventQueue& operator=(const EventQueue&) = delete;

    // The run's thread only.
    void push(nlohmann::json event);
    // The control thread only: drain every few milliseconds from start() until stop(), which
    // drains what is left and says how many events were dropped.
    void start();
    std::uint64_t stop();

private:
    void drain();
    void schedule();

    boost::asio::steady_timer timer_;
    Deliver deliver_;
    boost::lockfree::spsc_queue<nlohmann::json*, boost::lockfree::capacity<8192>> queue_;
    std::atomic<std::uint64_t> dropped_{0};
    bool running_ = false;
};

} // namespace fobrig
