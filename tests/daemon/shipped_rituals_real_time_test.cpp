// Every shipped procedure on its own simulated car as the demo runs it: fobrigd in real time
// on the procedure's shipped rig, fobrig program through the socket, the simulated person doing
// the operator steps at their pace. Virtual time (tests/integration) proves the logic; this
// proves the paced clock, the daemon's run thread and the simulated person keep the car's
// limits when time really passes. Each takes as long as the ritual does (up to two minutes).
#include "sim/shipped_rituals.hpp"
#include "tests/daemon/daemon_fixture.hpp"
#include "tests/daemon/fobrig_command.hpp"

#include <gmock/gmock.h>

namespace fobrig {
namespace {

using testing::DaemonOnThread;
using ::testing::HasSubstr;

class InRealTime : public ::testing::TestWithParam<sim::ShippedRitual> {};

TEST_P(InRealTime, PassesOnItsOwnCarAtTheFirstAttempt) {
    const sim::ShippedRitual& ritual = GetParam();
    DaemonOnThread daemon(std::function<void(DaemonOptions&)>([&](DaemonOptions& o) {
        o.virtual_time = false;
        o.sim_car = ritual.car;
        o.rig = std::filesystem::path(FOBRIG_CONFIG_DIR "/rigs") / ritual.rig;
    }));
    const std::string slots = ritual.fobs == 1 ? "1" : "1,2";
    const testing::Outcome run = testing::fobrig(
        daemon.socket(), "program " + std::string(ritual.procedure) + " --slots " + slots);
    EXPECT_EQ(run.status, 0) << run.output;
    EXPECT_THAT(run.output, HasSubstr("(" + std::string(ritual.car) +
                                      "), no faults): PASSED, every fob programmed and verified "
                                      "in one session"));
    const auto record =
        nlohmann::json::parse(testing::fobrig(daemon.socket(), "--json show latest", false).output);
    EXPECT_EQ(record["attempts"].size(), 1u) << record.dump();
    EXPECT_EQ(record["target"]["sim_car"], ritual.car);
}

INSTANTIATE_TEST_SUITE_P(Shipped, InRealTime, ::testing::ValuesIn(sim::shipped_rituals),
                         [](const auto& info) {
                             std::string name = info.param.car;
                             std::erase(name, '-');
                             return name;
                         });

} // namespace
} // namespace fobrig
