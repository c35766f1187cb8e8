#include "rig/daemon/event_queue.hpp"

#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace fobrig {

namespace {

int new_eventfd() {
    const int fd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (fd < 0) {
        throw std::system_error(errno, std::generic_category(), "eventfd for run events");
    }
    return fd;
}

} // namespace

EventQueue::EventQueue(boost::asio::io_context& io, Deliver deliver)
    : wake_(io, new_eventfd()), deliver_(std::move(deliver)),
      alive_(std::make_shared<EventQueue*>(this)) {
    wait_for_events();
}

EventQueue::~EventQueue() {
    alive_.reset();
    boost::system::error_code ignored;
    wake_.close(ignored);
}

void EventQueue::push(const RunEvent& event) {
    Slot slot{.event = event};
    const std::uint64_t before = texts_.written();
    const bool copied =
        std::visit([this](auto& happened) { return texts_.copy(happened); }, slot.event);
    slot.texts_end = texts_.written();
    // The slot's push publishes the texts written before it (release).
    if (!copied || !queue_.push(slot)) {
        texts_.rewind(before);
        dropped_.fetch_add(1, std::memory_order_relaxed);
    }
    if (!signalled_.exchange(true)) {
        const std::uint64_t one = 1;
        // Cannot fail short of a counter overflow, which one write per drain never reaches.
        [[maybe_unused]] const auto written = ::write(wake_.native_handle(), &one, sizeof one);
    }
}

void EventQueue::start() {
    dropped_.store(0);
}

std::uint64_t EventQueue::stop() {
    drain();
    return dropped_.load();
}

void EventQueue::drain() {
    // Read the wake-up before clearing the flag: the other order lets a push signal between
    // the two, have its write swallowed by this read, and leave every later event waiting with
    // the flag set and nothing to wake the loop.
    std::uint64_t count = 0;
    [[maybe_unused]] const auto read = ::read(wake_.native_handle(), &count, sizeof count);
    signalled_.store(false);
    queue_.consume_all([this](const Slot& slot) {
        deliver_(slot.event);
        texts_.read_up_to(slot.texts_end);
    });
}

void EventQueue::wait_for_events() {
    wake_.async_wait(
        boost::asio::posix::stream_descriptor::wait_read,
        [alive = std::weak_ptr<EventQueue*>(alive_)](const boost::system::error_code& error) {
            const auto queue = alive.lock();
            if (!queue || error) {
                return;
            }
            (*queue)->drain();
            (*queue)->wait_for_events();
        });
}

} // namespace fobrig
