// Which simulated car: fobrigd --sim-car NAME and fobrig --local --sim-car NAME choose it,
// status, the run's lines, its record and its report name it, and an unknown name is refused
// with the known ones before anything runs; through the real command and socket.
#include "tests/daemon/daemon_fixture.hpp"
#include "tests/daemon/fobrig_command.hpp"

#include <gmock/gmock.h>

namespace fobrig {
namespace {

namespace fs = std::filesystem;
using testing::DaemonOnThread;
using testing::fobrig;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::Outcome;
using testing::ScratchFolder;

TEST(SimCarChoice, TheDaemonsCarIsNamedByStatusTheRunTheRecordAndTheReport) {
    DaemonOnThread daemon(
        std::function<void(DaemonOptions&)>([](DaemonOptions& o) { o.sim_car = "bmw-e46"; }));
    EXPECT_THAT(fobrig(daemon.socket(), "status").output,
                HasSubstr("(simulated car: BMW E46 (bmw-e46), no faults)"));
    const auto status =
        nlohmann::json::parse(fobrig(daemon.socket(), "--json status", false).output);
    EXPECT_EQ(status["target"]["sim_car"], "bmw-e46") << status.dump();
    EXPECT_EQ(status["target"]["sim_car_name"], "BMW E46");

    // The E46 and the Mini share BMW's ritual: the Mini's procedure programs the E46 too.
    const Outcome run = fobrig(daemon.socket(), "program mini-r50-2004 --slots 1");
    EXPECT_EQ(run.status, 0) << run.output;
    EXPECT_THAT(run.output, HasSubstr("(simulated car: BMW E46 (bmw-e46), no faults): PASSED"));
    const auto record =
        nlohmann::json::parse(fobrig(daemon.socket(), "--json show latest", false).output);
    EXPECT_EQ(record["target"]["sim_car"], "bmw-e46");
    EXPECT_EQ(record["target"]["sim_car_name"], "BMW E46");
    EXPECT_THAT(fobrig(daemon.socket(), "export latest --format html").output,
                HasSubstr("simulated car: BMW E46 (bmw-e46)"));
}

TEST(SimCarChoice, FobrigdRefusesAnUnknownCarListingTheKnownOnes) {
    ScratchFolder folder;
    std::ofstream(folder.path / "fobrig.toml") << "[daemon]\n";
    const auto [status, output] = testing::shell(
        std::string(FOBRIGD_BINARY) + " --sim --sim-car trabant-601 --socket " +
        (folder.path / "s.sock").string() + " --state-dir " + (folder.path / "state").string() +
        " --config " + (folder.path / "fobrig.toml").string());
    EXPECT_NE(status, 0);
    EXPECT_THAT(output, HasSubstr("no simulated car 'trabant-601'; known: mini-r50, bmw-e46"));
    EXPECT_FALSE(fs::exists(folder.path / "s.sock"));
}

TEST(SimCarChoice, ALocalRunTakesTheCarAndRefusesAnUnknownOneBeforeRunning) {
    ScratchFolder runs;
    const std::string local = " --local --virtual-time --rig " +
                              std::string(FOBRIG_CONFIG_DIR "/rigs/sim-2.toml") + " --runs-dir " +
                              runs.path.string();
    const Outcome unknown =
        fobrig("/nonexistent.sock", "program mini-r50-2004 --sim-car trabant-601" + local);
    EXPECT_EQ(unknown.status, 2);
    EXPECT_THAT(unknown.output, HasSubstr("no simulated car 'trabant-601'; known: mini-r50"));
    EXPECT_TRUE(fs::is_empty(runs.path));

    const Outcome run =
        fobrig("/nonexistent.sock", "program mini-r50-2004 --sim-car bmw-e46" + local);
    EXPECT_EQ(run.status, 0) << run.output;
    EXPECT_THAT(run.output,
                HasSubstr("on rig sim-2 (simulated car: BMW E46 (bmw-e46), no faults)"));
    EXPECT_THAT(fobrig("/nonexistent.sock", "show latest --runs-dir " + runs.path.string()).output,
                HasSubstr("(simulated car: BMW E46 (bmw-e46), no faults): PASSED"));
}

TEST(SimCarChoice, ARigOnRealLinesRefusesASimulatedCar) {
    ScratchFolder runs;
    const Outcome run =
        fobrig("/nonexistent.sock",
               "program mini-r50-2004 --local --sim-car bmw-e46 --rig " FOBRIG_CONFIG_DIR
               "/rigs/pi4-2fob-relay.toml --runs-dir " +
                   runs.path.string());
    EXPECT_EQ(run.status, 2);
    EXPECT_THAT(run.output, HasSubstr("--sim-car, --sim-fault and --virtual-time apply to the "
                                      "simulated car only"));
    EXPECT_THAT(run.output, Not(HasSubstr("PASSED")));
}

} // namespace
} // namespace fobrig
