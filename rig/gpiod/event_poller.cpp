// ppoll on the epoll set and the wake fd: nanosecond deadlines, restarted after signals.
#include "rig/gpiod/event_poller.hpp"

#include <array>
#include <cerrno>
#include <ctime>
#include <poll.h>
#include <sys/epoll.h>
#include <system_error>
#include <unistd.h>

namespace fobrig {
namespace {

[[noreturn]] void fail(const char* what) {
    throw std::system_error(errno, std::generic_category(), what);
}

timespec to_timespec(Duration d) {
    const auto s = std::chrono::duration_cast<seconds>(d);
    return {.tv_sec = static_cast<time_t>(s.count()),
            .tv_nsec = static_cast<long>((d - s).count())};
}

} // namespace

Instant monotonic_now() {
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return Instant{seconds(now.tv_sec) + Duration(now.tv_nsec)};
}

EventPoller::EventPoller(int wake_fd, bool armed)
    : epoll_fd_(epoll_create1(EPOLL_CLOEXEC)), wake_fd_(wake_fd), wake_armed_(armed) {
    if (epoll_fd_ < 0) {
        fail("epoll_create1");
    }
}

EventPoller::~EventPoller() {
    close(epoll_fd_);
}

void EventPoller::watch(int fd, std::uint64_t key) {
    epoll_event event{.events = EPOLLIN, .data = {.u64 = key}};
    if (epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &event) != 0) {
        fail("epoll_ctl");
    }
}

EventPoller::Ready EventPoller::wait(Instant deadline) {
    std::array<pollfd, 2> fds{
        {{.fd = epoll_fd_, .events = POLLIN}, {.fd = wake_fd_, .events = POLLIN}}};
    const bool waking = wake_fd_ >= 0 && wake_armed_;
    for (;;) {
        const timespec timeout = to_timespec(std::max(deadline - monotonic_now(), Duration{}));
        const int n = ppoll(fds.data(), waking ? 2 : 1, &timeout, nullptr);
        if (n >= 0) {
            break;
        }
        if (errno != EINTR) {
            fail("ppoll");
        }
    }
    Ready ready{.woken = waking && (fds[1].revents & (POLLIN | POLLHUP)) != 0};
    std::array<epoll_event, std::tuple_size_v<decltype(Ready::ready_keys)>> events{};
    const int n = epoll_wait(epoll_fd_, events.data(), events.size(), 0);
    if (n < 0 && errno != EINTR) {
        fail("epoll_wait");
    }
    for (int i = 0; i < n; ++i) {
        ready.ready_keys[ready.count++] = events[static_cast<std::size_t>(i)].data.u64;
    }
    return ready;
}

} // namespace fobrig
