#include "rig/daemon/event_queue.hpp"

namespace fobrig {

namespace {

// Often enough for a live countdown and edge list, rarely enough to cost nothing idle.
constexpr std::chrono::milliseconds drain_period(10);

} // namespace

EventQueue::EventQueue(boost::asio::io_context& io, Deliver deliver)
    : timer_(io), deliver_(std::move(deliver)) {}

EventQueue::~EventQueue() {
    timer_.cancel();
    queue_.consume_all([](nlohmann::json* event) { delete event; });
}

void EventQueue::push(nlohmann::json event) {
    auto* item = new nlohmann::json(std::move(event));
    if (!queue_.push(item)) {
        delete item;
        dropped_.fetch_add(1, std::memory_order_relaxed);
    }
}

void EventQueue::start() {
    running_ = true;
    dropped_.store(0);
    schedule();
}

std::uint64_t EventQueue::stop() {
    running_ = false;
    timer_.cancel();
    drain();
    return dropped_.load();
}

void EventQueue::drain() {
    queue_.consume_all([this](nlohmann::json* event) {
        const std::unique_ptr<nlohmann::json> owned(event);
        deliver_(*owned);
    });
}

void EventQueue::schedule() {
    timer_.expires_after(drain_period);
    // The handler touches nothing once cancelled: the queue may be gone by then.
    timer_.async_wait([this](const boost::system::error_code& error) {
        if (error) {
            return;
        }
        drain();
        if (running_) {
            schedule();
        }
    });
}

} // namespace fobrig
