// The fobrig command against a running daemon, as a person or a script types it.
#include "tests/daemon/daemon_fixture.hpp"
#include "tests/daemon/fobrig_command.hpp"

#include <gmock/gmock.h>

#include <sstream>

#include <array>
#include <cstdio>
#include <fstream>
#include <functional>

namespace fobrig {
namespace {

using testing::DaemonOnThread;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

using testing::fobrig;
using testing::Outcome;

TEST(FobrigCommand, ProgramsThroughTheDaemonAndPrintsTheTimingLog) {
    DaemonOnThread daemon;
    const Outcome run =
        fobrig(daemon.socket(), "program mini-r50-2004 --slots 1,2 --label 1=owner-A,2=owner-B");
    EXPECT_EQ(run.status, 0) << run.output;
    EXPECT_THAT(run.output, HasSubstr(">> Turn the ignition to position 1"));
    // Where the run stands, a line each step, within 80 columns.
    EXPECT_THAT(run.output, HasSubstr("step 1/5  attempt 1/3  Put the car in programming mode\n"));
    EXPECT_THAT(run.output, HasSubstr("step 2/5  attempt 1/3  slot 2  Hold unlock, press lock "
                                      "three times, release\n"));
    std::istringstream lines(run.output);
    for (std::string line; std::getline(lines, line);) {
        if (line.starts_with("step ")) {
            EXPECT_LE(line.size(), 80u) << line;
        }
    }
    EXPECT_THAT(run.output, HasSubstr("the key was in for 2.0 s"));
    EXPECT_THAT(run.output, HasSubstr("sched ms"));
    EXPECT_THAT(run.output, HasSubstr("PASSED, every fob programmed and verified"));
}

TEST(FobrigCommand, ListsShowsAndExportsRuns) {
    DaemonOnThread daemon;
    ASSERT_EQ(fobrig(daemon.socket(), "program mini-r50-2004 --slots 1").status, 0);
    const Outcome runs = fobrig(daemon.socket(), "--json runs");
    ASSERT_EQ(runs.status, 0) << runs.output;
    const std::string id = nlohmann::json::parse(runs.output)[0]["id"];

    EXPECT_THAT(fobrig(daemon.socket(), "show " + id).output, HasSubstr("PASSED"));
    EXPECT_THAT(fobrig(daemon.socket(), "export " + id + " --format vcd").output,
                StartsWith("$date"));
    EXPECT_THAT(fobrig(daemon.socket(), "export " + id + " --format csv").output,
                StartsWith("time_us,"));
    EXPECT_THAT(fobrig(daemon.socket(), "export " + id + " --format json").output,
                HasSubstr("\"fobrig-run\""));
    // The diagram with the car's windows from the daemon's procedure, and the report around it.
    const Outcome svg = fobrig(daemon.socket(), "export " + id + " --format svg");
    EXPECT_EQ(svg.status, 0);
    EXPECT_THAT(svg.output, StartsWith("<svg"));
    EXPECT_THAT(svg.output, HasSubstr("3 presses within 10 s of hold"));
    EXPECT_THAT(fobrig(daemon.socket(), "export " + id + " --format html").output,
                StartsWith("<!DOCTYPE html>"));
    EXPECT_EQ(fobrig(daemon.socket(), "export " + id + " --format png").status, 2);
}

TEST(FobrigCommand, BatchPrintsTheReportAndWritesItAsCsvAndJson) {
    DaemonOnThread daemon;
    testing::ScratchFolder reports;
    const Outcome batch = fobrig(daemon.socket(), "batch --procedure mini-r50-2004 --keep 1,2 "
                                                  "--spares 3-6 --label 3=ebay-A --report-dir " +
                                                      reports.path.string());
    EXPECT_EQ(batch.status, 0) << batch.output;
    EXPECT_THAT(batch.output, HasSubstr("ebay-A"));
    EXPECT_THAT(batch.output, HasSubstr("were programmed again in the last round"));
    // Each round is told once, with the time left once a round has ended.
    EXPECT_THAT(batch.output, ::testing::ContainsRegex("campaign batch-[0-9-]+: round 1 of 2\n"));
    EXPECT_THAT(batch.output, ::testing::ContainsRegex(
                                  "campaign batch-[0-9-]+: round 2 of 2, about [0-9]+ (min|s)"));
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(reports.path)) {
        files += entry.path().extension() == ".csv" || entry.path().extension() == ".json";
    }
    EXPECT_EQ(files, 2u);
    EXPECT_THAT(fobrig(daemon.socket(), "fobs ebay-A").output, HasSubstr("works"));
}

TEST(FobrigCommand, ExitCodesTellFailureUsageAndAnUnreachableDaemonApart) {
    DaemonOnThread daemon(true, {"dead-receiver"});
    EXPECT_EQ(fobrig(daemon.socket(), "status").status, 0);
    EXPECT_EQ(fobrig(daemon.socket(), "program mini-r50-2004 --slots 1").status, 1);
    EXPECT_EQ(fobrig(daemon.socket(), "program no-such-procedure").status, 2);
    EXPECT_EQ(fobrig(daemon.socket(), "show ../../etc/passwd").status, 2);
    const Outcome unreachable = fobrig(daemon.socket().string() + ".gone", "status");
    EXPECT_EQ(unreachable.status, 3);
    EXPECT_THAT(unreachable.output, HasSubstr("cannot reach fobrigd"));
}

TEST(FobrigCommand, StatusSaysTheRelayBoardIsPoweredOnlyByTheInterlocksWave) {
    DaemonOnThread plain;
    EXPECT_THAT(fobrig(plain.socket(), "status").output, Not(HasSubstr("interlock")));

    const std::function<void(DaemonOptions&)> interlocked = [](DaemonOptions& options) {
        std::ofstream(options.config_file) << "[daemon]\nrig = \"sim-2-interlock\"\n";
    };
    DaemonOnThread daemon(interlocked);
    const Outcome status = fobrig(daemon.socket(), "status");
    EXPECT_EQ(status.status, 0) << status.output;
    EXPECT_THAT(status.output,
                HasSubstr("interlock: the relay board is powered only by the enable wave on "
                          "fobrig-sim:11 (10 ms period, board held 25 ms), while a run "
                          "plays it\n"));
    const auto json = nlohmann::json::parse(fobrig(daemon.socket(), "--json status").output);
    EXPECT_EQ(json["interlock"]["line"], "fobrig-sim:11");
    EXPECT_EQ(json["interlock"]["period_us"], 10000);
    EXPECT_EQ(json["interlock"]["hold_us"], 25000);
}

} // namespace
} // namespace fobrig
