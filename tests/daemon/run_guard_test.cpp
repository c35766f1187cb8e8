// The control thread's guard over a stalled run's thread, on the simulated car in real time:
// the run's thread is held inside its first press for longer than the contact's maximum hold.
#include "tests/daemon/daemon_fixture.hpp"

#include <gmock/gmock.h>

namespace fobrig {
namespace {

using testing::DaemonOnThread;
using ::testing::HasSubstr;
using testing::wait_for_event;
using json = nlohmann::json;
using namespace std::chrono_literals;

// Verifies slot 1 in real time and returns the verdict event.
json verify_slot_1(DaemonConnection& client) {
    client.call({{"request", "subscribe"}});
    const json started =
        client.call({{"request", "verify"}, {"procedure", "mini-r50-2004"}, {"slots", {1}}});
    EXPECT_TRUE(started["ok"]) << started.dump();
    return wait_for_event(client, "verdict", 30s);
}

TEST(RunGuard, AContactOutlivingItsMaximumWhileTheRunsThreadStallsIsOpenedAndTheRunSaysWhy) {
    // sim-8 holds no contact longer than 8 s; the run's thread stalls 9 s in the first press.
    DaemonOnThread daemon(false, {"run-stall=9"});
    DaemonConnection client(daemon.socket());
    const json verdict = verify_slot_1(client);
    EXPECT_EQ(verdict.value("outcome", ""), "failed");
    EXPECT_THAT(verdict.value("reason", ""),
                HasSubstr("stopped by the guard: the run's thread did not come back to open slot "
                          "1 lock within its maximum hold (8 s), so the control thread opened "
                          "every output"));
    // The history says the same.
    const json runs = client.call({{"request", "runs"}});
    ASSERT_FALSE(runs["runs"].empty());
    EXPECT_THAT(runs["runs"][0].value("reason", ""), HasSubstr("stopped by the guard"));
}

TEST(RunGuard, ARunWhoseThreadKeepsUpIsLeftAlone) {
    DaemonOnThread daemon(false, {"run-stall=0.005"});
    DaemonConnection client(daemon.socket());
    // The car never learned this fob: the run reaches its check, and fails there, not by the
    // guard.
    const json verdict = verify_slot_1(client);
    EXPECT_THAT(verdict.value("reason", ""), HasSubstr("no lock signal within 2 s after press"));
    EXPECT_THAT(verdict.value("reason", ""), ::testing::Not(HasSubstr("guard")));
}

} // namespace
} // namespace fobrig
