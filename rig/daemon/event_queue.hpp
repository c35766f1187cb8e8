// Carries a run's events from its thread to the control loop without a lock: the run's thread
// copies each plain record into a slot of a single-producer ring made once, and its texts into
// the queue's room for them (event_texts.hpp), so a push never waits and never allocates; a full
// queue drops the event (and counts it) rather than delay an edge. The control loop waits on an
// eventfd that the run's thread signals once per batch, so an idle daemon wakes for nothing and
// the loop drains as soon as there is something to drain.
#pragma once

#include "rig/daemon/event_texts.hpp"
#include "rig/daemon/run_event.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/lockfree/spsc_queue.hpp>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>

namespace fobrig {

class EventQueue {
public:
    using Deliver = std::function<void(const RunEvent&)>;

    // Throws std::system_error when no eventfd can be had.
    EventQueue(boost::asio::io_context& io, Deliver deliver);
    ~EventQueue();
    EventQueue(const EventQueue&) = delete;
    EventQueue& operator=(const EventQueue&) = delete;

    // The run's thread only. The event's texts are copied: they need to outlive the call only.
    void push(const RunEvent& event);
    // The control thread only: start() before a run's thread pushes; stop() drains what is
    // left and says how many events were dropped since start().
    void start();
    std::uint64_t stop();

private:
    struct Slot {
        RunEvent event; // its texts in texts_
        std::uint64_t texts_end = 0;
    };

    void drain();
    void wait_for_events();

    boost::asio::posix::stream_descriptor wake_;
    Deliver deliver_;
    boost::lockfree::spsc_queue<Slot> queue_{8192};
    EventTexts texts_{1 << 20};
    std::atomic<std::uint64_t> dropped_{0};
    // Set by the run's thread when it signals, cleared by the loop before it drains: one
    // write per batch, and no event left behind.
    std::atomic<bool> signalled_{false};
    // A completion handler may already be queued when this queue is destroyed (cancel() does
    // not recall it): it holds only a weak reference to this token and does nothing once the
    // token is gone.
    std::shared_ptr<EventQueue*> alive_;
};

} // namespace fobrig
