// The one descriptor a rig's inputs are watched through: readiness by key, deadlines, wake-up.
#include "rig/gpiod/event_poller.hpp"

#include <gtest/gtest.h>

#include <poll.h>
#include <unistd.h>

namespace fobrig {
namespace {

struct Pipe {
    int fds[2]{-1, -1};
    Pipe() { EXPECT_EQ(pipe(fds), 0); }
    ~Pipe() {
        close(fds[0]);
        close(fds[1]);
    }
    void poke() { EXPECT_EQ(write(fds[1], "x", 1), 1); }
};

TEST(EventPoller, ReportsTheSourceThatIsReadable) {
    Pipe a;
    Pipe b;
    EventPoller poller(-1);
    poller.watch(a.fds[0], 7);
    poller.watch(b.fds[0], 9);
    b.poke();
    const auto ready = poller.wait(monotonic_now() + seconds(5));
    EXPECT_EQ(ready.keys, std::vector<std::uint64_t>{9});
    EXPECT_FALSE(ready.woken);
}

TEST(EventPoller, ReturnsAtTheDeadlineWhenNothingComes) {
    Pipe a;
    EventPoller poller(-1);
    poller.watch(a.fds[0], 1);
    const Instant deadline = monotonic_now() + milliseconds(30);
    const auto ready = poller.wait(deadline);
    EXPECT_TRUE(ready.keys.empty());
    EXPECT_GE(monotonic_now(), deadline);
}

TEST(EventPoller, TheWakeFdEndsAWaitAndIsLeftUnread) {
    Pipe wake;
    EventPoller poller(wake.fds[0]);
    wake.poke();
    EXPECT_TRUE(poller.wait(monotonic_now() + seconds(5)).woken);
    EXPECT_TRUE(poller.wait(monotonic_now() + seconds(5)).woken);
}

TEST(EventPoller, ItsFdIsReadableWhenASourceIs) {
    Pipe a;
    EventPoller poller(-1);
    poller.watch(a.fds[0], 1);
    pollfd fd{.fd = poller.fd(), .events = POLLIN};
    EXPECT_EQ(poll(&fd, 1, 0), 0);
    a.poke();
    EXPECT_EQ(poll(&fd, 1, 1000), 1);
}

} // namespace
} // namespace fobrig
