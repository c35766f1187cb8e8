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
    EventPoller poller(-1, true);
    poller.watch(a.fds[0], 7);
    poller.watch(b.fds[0], 9);
    b.poke();
    const auto ready = poller.wait(monotonic_now() + seconds(5));
    EXPECT_EQ(std::vector<std::uint64_t>(ready.keys().begin(), ready.keys().end()),
              std::vector<std::uint64_t>{9});
    EXPECT_FALSE(ready.woken);
}

TEST(EventPoller, ReturnsAtTheDeadlineWhenNothingComes) {
    Pipe a;
    EventPoller poller(-1, true);
    poller.watch(a.fds[0], 1);
    const Instant deadline = monotonic_now() + milliseconds(30);
    const auto ready = poller.wait(deadline);
    EXPECT_TRUE(ready.keys().empty());
    EXPECT_GE(monotonic_now(), deadline);
}

TEST(EventPoller, TheWakeFdEndsAWaitAndIsLeftUnread) {
    Pipe wake;
    EventPoller poller(wake.fds[0], true);
    wake.poke();
    EXPECT_TRUE(poller.wait(monotonic_now() + seconds(5)).woken);
    EXPECT_TRUE(poller.wait(monotonic_now() + seconds(5)).woken);
}

TEST(EventPoller, AnUnreadWakeFdDisarmedNeitherWakesNorSpinsTheWait) {
    Pipe wake;
    EventPoller poller(wake.fds[0], false);
    wake.poke(); // an Enter typed ahead, which nobody reads until a prompt opens
    Instant deadline = monotonic_now() + milliseconds(30);
    auto ready = poller.wait(deadline);
    EXPECT_FALSE(ready.woken);
    EXPECT_GE(monotonic_now(), deadline); // it slept to the deadline instead of returning
    poller.arm_wake(true);
    EXPECT_TRUE(poller.wait(monotonic_now() + seconds(5)).woken);
    poller.arm_wake(false);
    deadline = monotonic_now() + milliseconds(30);
    EXPECT_FALSE(poller.wait(deadline).woken);
    EXPECT_GE(monotonic_now(), deadline);
}

TEST(EventPoller, AWakeFdAtItsEndIsIgnoredOnceDisarmed) {
    Pipe wake;
    close(wake.fds[1]); // stdin at end of file: readable (POLLHUP) for ever
    wake.fds[1] = -1;
    EventPoller poller(wake.fds[0], true);
    EXPECT_TRUE(poller.wait(monotonic_now() + seconds(5)).woken);
    poller.arm_wake(false);
    const Instant deadline = monotonic_now() + milliseconds(30);
    EXPECT_FALSE(poller.wait(deadline).woken);
    EXPECT_GE(monotonic_now(), deadline);
}

TEST(EventPoller, ItsFdIsReadableWhenASourceIs) {
    Pipe a;
    EventPoller poller(-1, true);
    poller.watch(a.fds[0], 1);
    pollfd fd{.fd = poller.fd(), .events = POLLIN};
    EXPECT_EQ(poll(&fd, 1, 0), 0);
    a.poke();
    EXPECT_EQ(poll(&fd, 1, 1000), 1);
}

} // namespace
} // namespace fobrig
