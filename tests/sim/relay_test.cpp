// The switch across a fob button: latency, bounce, polarity and faults.
#include "sim/relay.hpp"
#include "timed.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <vector>

namespace fobrig::sim {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

using ContactEdge = fixture::Timed<bool>; // true: closed

// A relay whose contact changes are kept with their time from the start.
class RelayFixture {
public:
    explicit RelayFixture(OutputChannel channel, RelayFault fault = RelayFault::none)
        : active_low(channel.active_low), relay(world, channel, fault) {
        relay.contact().on_change([this](bool closed) {
            edges.push_back({world.now() - t0, closed});
        });
    }

    // Drives the line to a logical level through the channel's polarity, as the backend does.
    void drive(bool active) { relay.set_line(active != active_low); }
    void pass_until(Duration d) { world.run_until(t0 + d); }
    // Drives the line active from the start until `off`, then lets it be until `end`.
    void pulse(Duration off, Duration end) {
        drive(true);
        pass_until(off);
        drive(false);
        pass_until(end);
    }

    const bool active_low;
    const Instant t0 = Instant{} + seconds(1);
    World world{t0};
    Relay relay;
    std::vector<ContactEdge> edges;
};

const OutputChannel hat_relay{.active_low = false,
                              .kind = SwitchKind::relay,
                              .operate_latency = milliseconds(10),
                              .release_latency = milliseconds(5)};

TEST(Relay, ClosesAfterItsOperateLatencyBouncesForUnderAMillisecondAndOpensAfterRelease) {
    RelayFixture f(hat_relay);
    f.pulse(milliseconds(100), milliseconds(200));
    ASSERT_GE(f.edges.size(), 4u);
    EXPECT_EQ(f.edges.front(), (ContactEdge{milliseconds(10), true}));
    const ContactEdge settled = f.edges[f.edges.size() - 2];
    EXPECT_TRUE(settled.value);
    EXPECT_LT(settled.at, milliseconds(11));
    EXPECT_EQ(f.edges.back(), (ContactEdge{milliseconds(105), false}));
}

TEST(Relay, AnOptocouplerSwitchesOnceWithoutBounce) {
    OutputChannel opto = hat_relay;
    opto.kind = SwitchKind::optocoupler;
    opto.operate_latency = microseconds(20);
    opto.release_latency = microseconds(40);
    RelayFixture f(opto);
    f.pulse(milliseconds(1), milliseconds(2));
    EXPECT_THAT(f.edges, ElementsAre(ContactEdge{microseconds(20), true},
                                     ContactEdge{microseconds(1040), false}));
}

TEST(Relay, AnActiveLowModuleEnergisesOnALowLine) {
    OutputChannel channel = hat_relay;
    channel.active_low = true;
    RelayFixture f(channel);
    f.relay.set_line(true);
    f.pass_until(milliseconds(50));
    EXPECT_FALSE(f.relay.energised());
    EXPECT_THAT(f.edges, IsEmpty());
    f.relay.set_line(false);
    f.pass_until(milliseconds(100));
    EXPECT_TRUE(f.relay.energised());
    EXPECT_TRUE(f.relay.contact().level());
}

TEST(Relay, DeEnergisedBeforeItOperatesNeverCloses) {
    RelayFixture f(hat_relay);
    f.pulse(milliseconds(5), milliseconds(100));
    EXPECT_THAT(f.edges, IsEmpty());
}

TEST(Relay, StuckOpenNeverCloses) {
    RelayFixture f(hat_relay, RelayFault::stuck_open);
    f.drive(true);
    f.pass_until(milliseconds(100));
    EXPECT_THAT(f.edges, IsEmpty());
}

TEST(Relay, StuckClosedClosesAndNeverOpens) {
    RelayFixture f(hat_relay, RelayFault::stuck_closed);
    f.pulse(milliseconds(100), milliseconds(200));
    EXPECT_THAT(f.edges, ElementsAre(ContactEdge{milliseconds(10), true}));
}

} // namespace
} // namespace fobrig::sim
